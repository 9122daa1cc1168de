import { Module } from '@nestjs/common';
import { BackupsController } from './backups.controller';
import { BackupsService } from './backups.service';

/** What the secretariat sees of the nightly backups (the worker takes them). */
@Module({ controllers: [BackupsController], providers: [BackupsService] })
export class BackupsModule {}
