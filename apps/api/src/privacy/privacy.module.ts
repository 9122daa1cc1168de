import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { ErasureController } from './erasure.controller';
import { ErasureRequestsRepository } from './erasure-requests.repository';
import { ErasureRequestsService } from './erasure-requests.service';
import { ErasureRepository } from './erasure.repository';
import { ErasureService } from './erasure.service';
import { SubjectAccessController } from './subject-access.controller';
import { SubjectAccessRepository } from './subject-access.repository';
import { SubjectAccessService } from './subject-access.service';

@Module({
  imports: [MembersModule],
  controllers: [ErasureController, SubjectAccessController],
  providers: [ErasureRepository, ErasureService, ErasureRequestsRepository, ErasureRequestsService, SubjectAccessRepository, SubjectAccessService],
  exports: [ErasureService, ErasureRequestsService, SubjectAccessService],
})
export class PrivacyModule {}
