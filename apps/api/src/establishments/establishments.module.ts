import { Module } from '@nestjs/common';
import { RegionsModule } from '../regions/regions.module';
import { EstablishmentsController } from './establishments.controller';
import { EstablishmentsRepository } from './establishments.repository';
import { EstablishmentsService } from './establishments.service';

@Module({
  imports: [RegionsModule],
  controllers: [EstablishmentsController],
  providers: [EstablishmentsRepository, EstablishmentsService],
  exports: [EstablishmentsService],
})
export class EstablishmentsModule {}
