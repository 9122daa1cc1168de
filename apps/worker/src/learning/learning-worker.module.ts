import { Module } from '@nestjs/common';
import { LearningModule } from '@seg/learning';
import { CertificateNoticeRenderer } from './certificate-notice.renderer';
import { CertificateNoticesRepository } from './certificate-notices.repository';
import { CertificateSweep } from './certificate-sweep';

/** The worker's learning side: certificates emailed once a meeting closes. */
@Module({
  imports: [LearningModule],
  providers: [CertificateNoticesRepository, CertificateNoticeRenderer, CertificateSweep],
  exports: [CertificateNoticeRenderer, CertificateSweep],
})
export class LearningWorkerModule {}
