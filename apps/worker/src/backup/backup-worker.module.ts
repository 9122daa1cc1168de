import { Module } from '@nestjs/common';
import { BackupJob } from './backup.job';

/** The nightly database backup. */
@Module({ providers: [BackupJob], exports: [BackupJob] })
export class BackupWorkerModule {}
