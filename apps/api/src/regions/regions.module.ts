import { Module } from '@nestjs/common';
import { RegionsController } from './regions.controller';
import { RegionsRepository } from './regions.repository';
import { RegionalRights } from './regional-rights.service';
import { RegionsService } from './regions.service';

@Module({
  controllers: [RegionsController],
  providers: [RegionsRepository, RegionsService, RegionalRights],
  exports: [RegionsService, RegionalRights],
})
export class RegionsModule {}
