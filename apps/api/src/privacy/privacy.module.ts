import { Module } from '@nestjs/common';
import { ErasureModule } from '@seg/privacy';
import { MembersModule } from '../members/members.module';
import { ErasureController } from './erasure.controller';
import { ErasureRequestsService } from './erasure-requests.service';
import { SubjectAccessController } from './subject-access.controller';
import { SubjectAccessRepository } from './subject-access.repository';
import { SubjectAccessService } from './subject-access.service';

@Module({
  imports: [MembersModule, ErasureModule],
  controllers: [ErasureController, SubjectAccessController],
  providers: [ErasureRequestsService, SubjectAccessRepository, SubjectAccessService],
  exports: [ErasureRequestsService, SubjectAccessService],
})
export class PrivacyModule {}
