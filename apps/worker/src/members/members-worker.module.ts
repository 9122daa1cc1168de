import { Module } from '@nestjs/common';
import { ConfirmDetailsJob } from './confirm-details.job';
import { ConfirmDetailsRenderer } from './confirm-details.renderer';
import { DetailsConfirmationRepository } from './details-confirmation.repository';

/** The worker's member side: asking members to confirm their details, and that email. */
@Module({
  providers: [DetailsConfirmationRepository, ConfirmDetailsJob, ConfirmDetailsRenderer],
  exports: [ConfirmDetailsJob, ConfirmDetailsRenderer],
})
export class MembersWorkerModule {}
