import { Module } from '@nestjs/common';
import { ConfirmDetailsJob } from './confirm-details.job';
import { ConfirmDetailsRenderer } from './confirm-details.renderer';
import { ConfirmDetailsRepository } from './confirm-details.repository';
import { ErasureRequestRenderer } from './erasure-request.renderer';
import { MemberMessageRenderer } from './member-message.renderer';
import { MemberMessagesRepository } from './member-messages.repository';

/** The worker's member side: asking members to confirm their details, and that email; the secretariat's erasure-request email; messages between members. */
@Module({
  providers: [
    ConfirmDetailsRepository,
    ConfirmDetailsJob,
    ConfirmDetailsRenderer,
    ErasureRequestRenderer,
    MemberMessagesRepository,
    MemberMessageRenderer,
  ],
  exports: [ConfirmDetailsJob, ConfirmDetailsRenderer, ErasureRequestRenderer, MemberMessageRenderer],
})
export class MembersWorkerModule {}
