import { Module } from '@nestjs/common';
import { InvitationReplies } from './invitation-replies';
import { InvitationRepliesRepository } from './invitation-replies.repository';
import { MemberStatuses } from './member-statuses';
import { MemberStatusesRepository } from './member-statuses.repository';
import { PostChanges } from './post-changes';
import { PostChangesRepository } from './post-changes.repository';

/**
 * The records the API and the worker both write, each through its one writer (needs the
 * database, audit trail and clock modules).
 */
@Module({
  providers: [
    InvitationRepliesRepository,
    InvitationReplies,
    PostChangesRepository,
    PostChanges,
    MemberStatusesRepository,
    MemberStatuses,
  ],
  exports: [InvitationReplies, PostChanges, MemberStatuses],
})
export class RecordsModule {}
