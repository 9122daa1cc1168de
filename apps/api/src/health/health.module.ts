import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { Stopping } from './stopping';

@Module({ controllers: [HealthController], providers: [HealthService, Stopping], exports: [Stopping] })
export class HealthModule {}
