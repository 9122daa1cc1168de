import { Module } from '@nestjs/common';
import { AccountNoticeRenderer } from './account-notice.renderer';

/** The worker's account side: the emails about a member's account. */
@Module({
  providers: [AccountNoticeRenderer],
  exports: [AccountNoticeRenderer],
})
export class AccountsWorkerModule {}
