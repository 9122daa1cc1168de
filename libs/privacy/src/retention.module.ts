import { Module } from '@nestjs/common';
import { ErasureModule } from './erasure.module';
import { Retention } from './retention';
import { RetentionRepository } from './retention.repository';

/** The retention rules: applied by the worker's daily run, reported to the secretariat by the API. */
@Module({
  imports: [ErasureModule],
  providers: [RetentionRepository, Retention],
  exports: [Retention],
})
export class RetentionModule {}
