import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { RegionSheetController } from './region-sheet.controller';
import { RegionSheetService } from './region-sheet.service';

@Module({
  imports: [DirectoryModule],
  controllers: [RegionSheetController],
  providers: [RegionSheetService],
})
export class RegionSheetModule {}
