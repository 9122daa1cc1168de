import { Logger } from '@nestjs/common';
import { AppConfig } from '@seg/config';
import { BackupDone, readBackupState, writeBackupDone, writeBackupFailure } from '@seg/queue';
import type IORedis from 'ioredis';
import { newestBackup, pruneBackups, writeBackup } from './database-backup';

/**
 * Takes one backup and says so where the API reads it (Redis): the file and its size, or the
 * failure with its reason, which stays shown until a backup works again. Used by the nightly
 * job and by `npm run backup` alike.
 */
export class BackupRunner {
  private readonly logger = new Logger(BackupRunner.name);

  constructor(
    private readonly config: AppConfig,
    private readonly redis: IORedis,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async backUp(): Promise<BackupDone & { removed: string[] }> {
    const { dir, keepDays } = this.config.backup;
    let done: BackupDone;
    try {
      const written = await writeBackup(this.config.databaseUrl, dir, this.now());
      done = { at: this.now(), file: written.file, sizeBytes: written.sizeBytes };
    } catch (error) {
      const reason = (error as Error).message;
      this.logger.error({ err: reason, dir }, 'Backup failed');
      await writeBackupFailure(this.redis, this.config.queuePrefix, { at: this.now(), error: reason }).catch((err) =>
        this.logger.error({ err: (err as Error).message }, 'Could not record the failed backup in Redis'),
      );
      throw error;
    }
    await writeBackupDone(this.redis, this.config.queuePrefix, done);
    // After the new one is safe: the newest backup is never the one removed.
    const removed = await pruneBackups(dir, keepDays, this.now());
    this.logger.log({ file: done.file, sizeBytes: done.sizeBytes, removed }, 'Backup written and checked');
    return { ...done, removed };
  }

  /** A Redis that lost the record (flushed, replaced) learns the newest backup again from the directory. */
  async recallNewest(): Promise<void> {
    const state = await readBackupState(this.redis, this.config.queuePrefix);
    if (state.last) return;
    const newest = await newestBackup(this.config.backup.dir);
    if (newest) await writeBackupDone(this.redis, this.config.queuePrefix, newest);
  }
}
