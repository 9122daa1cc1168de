import { Module } from '@nestjs/common';
import { CertificateFactsRepository } from './certificate-facts.repository';

/** Certificates of attendance: read by the API (download, verification) and the worker (email). */
@Module({ providers: [CertificateFactsRepository], exports: [CertificateFactsRepository] })
export class LearningModule {}
