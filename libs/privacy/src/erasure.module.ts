import { Module } from '@nestjs/common';
import { RecordsModule } from '@seg/records';
import { ErasureRequestsRepository } from './erasure-requests.repository';
import { ErasureRepository } from './erasure.repository';
import { MemberErasure } from './member-erasure';

/** Erasing a member, and the erasure requests it answers (needs the database and audit trail modules). */
@Module({
  imports: [RecordsModule],
  providers: [ErasureRepository, ErasureRequestsRepository, MemberErasure],
  exports: [MemberErasure, ErasureRequestsRepository],
})
export class ErasureModule {}
