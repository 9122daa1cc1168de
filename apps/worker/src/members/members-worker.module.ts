import { Module } from '@nestjs/common';
import { ConfirmDetailsJob } from './confirm-details.job';
import { ConfirmDetailsRenderer } from './confirm-details.renderer';
import { DetailsConfirmationRepository } from './details-confirmation.repository';
import { ErasureRequestRenderer } from './erasure-request.renderer';

/** The worker's member side: asking members to confirm their details, and that email; the secretariat's erasure-request email. */
@Module({
  providers: [DetailsConfirmationRepository, ConfirmDetailsJob, ConfirmDetailsRenderer, ErasureRequestRenderer],
  exports: [ConfirmDetailsJob, ConfirmDetailsRenderer, ErasureRequestRenderer],
})
export class MembersWorkerModule {}
