import { Module } from '@nestjs/common';
import { ErasureModule, RetentionModule } from '@seg/privacy';
import { MembersModule } from '../members/members.module';
import { ErasureController } from './erasure.controller';
import { ErasureRequestsService } from './erasure-requests.service';
import { RetentionController } from './retention.controller';
import { SubjectAccessController } from './subject-access.controller';
import { SubjectAccessRepository } from './subject-access.repository';
import { SubjectAccessService } from './subject-access.service';

@Module({
  imports: [MembersModule, ErasureModule, RetentionModule],
  controllers: [ErasureController, RetentionController, SubjectAccessController],
  providers: [ErasureRequestsService, SubjectAccessRepository, SubjectAccessService],
  exports: [ErasureRequestsService, SubjectAccessService],
})
export class PrivacyModule {}
