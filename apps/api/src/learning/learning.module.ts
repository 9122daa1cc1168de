import { Module } from '@nestjs/common';
import { LearningModule as CertificatesLibModule } from '@seg/learning';
import { ThrottleModule } from '../throttle/fixed-windows';
import { CertificatesController } from './certificates.controller';
import { CertificatesService } from './certificates.service';
import { MyLearningController } from './my-learning.controller';
import { MyLearningRepository } from './my-learning.repository';
import { MyLearningService } from './my-learning.service';
import { VerificationThrottle } from './verification-throttle';

/** Certificates of attendance (download, public verification) and the member's own learning record. */
@Module({
  imports: [CertificatesLibModule, ThrottleModule],
  controllers: [CertificatesController, MyLearningController],
  providers: [CertificatesService, VerificationThrottle, MyLearningRepository, MyLearningService],
})
export class LearningModule {}
