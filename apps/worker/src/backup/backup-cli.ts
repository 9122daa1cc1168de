import { loadConfig } from '@seg/config';
import { createRedisConnection } from '@seg/queue';
import { BackupRunner } from './backup-runner';

/**
 * `npm run backup`: takes a backup now, as the nightly job does (into BACKUP_DIR, checked,
 * recorded for /health, old ones removed), and prints the file.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const redis = createRedisConnection(config.redisUrl, 'producer', `${config.queuePrefix}:backup`);
  try {
    const done = await new BackupRunner(config, redis).backUp();
    process.stdout.write(`${config.backup.dir}/${done.file}: ${done.sizeBytes} bytes, checked readable\n`);
    for (const file of done.removed)
      process.stdout.write(`removed ${file} (older than ${config.backup.keepDays} days)\n`);
  } finally {
    redis.disconnect();
  }
}

main().catch((error) => {
  process.stderr.write(`Backup failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
