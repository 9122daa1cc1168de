import { Module } from '@nestjs/common';
import { InvitationReplies } from './invitation-replies';
import { InvitationRepliesRepository } from './invitation-replies.repository';

/**
 * The records the API and the worker both write, each through its one writer (needs the
 * database, audit trail and clock modules).
 */
@Module({
  providers: [InvitationRepliesRepository, InvitationReplies],
  exports: [InvitationReplies],
})
export class RecordsModule {}
