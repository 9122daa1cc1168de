import { Module } from '@nestjs/common';
import { ErasureController } from './erasure.controller';
import { ErasureRepository } from './erasure.repository';
import { ErasureService } from './erasure.service';

@Module({
  controllers: [ErasureController],
  providers: [ErasureRepository, ErasureService],
  exports: [ErasureService],
})
export class PrivacyModule {}
