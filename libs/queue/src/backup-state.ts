import type IORedis from 'ioredis';

/** The last backup written and checked: when, which file (its name alone) and its size. */
export interface BackupDone {
  at: Date;
  file: string;
  sizeBytes: number;
}

/** A backup that failed after the last one that worked, and why. */
export interface BackupFailure {
  at: Date;
  error: string;
}

export interface BackupState {
  last: BackupDone | null;
  failure: BackupFailure | null;
}

export const backupLastKey = (prefix: string) => `${prefix}:backup:last`;
export const backupFailureKey = (prefix: string) => `${prefix}:backup:failure`;

/**
 * The worker (or `npm run backup`) writes what the last backup did; the API's /health, the
 * secretariat's overview and /metrics read it. A success clears the failure before it, so a
 * failure shows until a backup works again.
 */
export async function writeBackupDone(redis: IORedis, prefix: string, done: BackupDone): Promise<void> {
  await redis
    .multi()
    .set(backupLastKey(prefix), JSON.stringify({ ...done, at: done.at.toISOString() }))
    .del(backupFailureKey(prefix))
    .exec();
}

export async function writeBackupFailure(redis: IORedis, prefix: string, failure: BackupFailure): Promise<void> {
  await redis.set(backupFailureKey(prefix), JSON.stringify({ ...failure, at: failure.at.toISOString() }));
}

export async function readBackupState(redis: IORedis, prefix: string): Promise<BackupState> {
  const [last, failure] = await redis.mget(backupLastKey(prefix), backupFailureKey(prefix));
  const parsed = <T extends { at: Date }>(text: string | null): T | null => {
    if (!text) return null;
    const value = JSON.parse(text) as T & { at: string };
    return { ...value, at: new Date(value.at) };
  };
  return { last: parsed<BackupDone>(last), failure: parsed<BackupFailure>(failure) };
}
