import { Module } from '@nestjs/common';
import { RetentionModule } from '@seg/privacy';
import { RetentionJob } from './retention.job';

/** The worker's privacy side: the daily retention run. */
@Module({
  imports: [RetentionModule],
  providers: [RetentionJob],
  exports: [RetentionJob],
})
export class PrivacyWorkerModule {}
