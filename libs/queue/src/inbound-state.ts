import type IORedis from 'ioredis';

/**
 * Whether the inbound mailbox is being read, as the worker that reads it last said: `up` while
 * it is connected, `down` while it cannot reach the server, `auth failed` while the server (or
 * the token endpoint) refuses its credentials. The value expires, so a worker that stopped
 * reading stops saying `up`. The API's /health reads it.
 */
export type InboundState = 'up' | 'down' | 'auth failed';

export const INBOUND_STATE_TTL_MS = 30_000;

export const inboundStateKey = (prefix: string) => `${prefix}:inbound:state`;
/** Held by the one worker that reads the mailbox (several may run). */
export const inboundReaderLockKey = (prefix: string) => `${prefix}:inbound:reader`;

export async function writeInboundState(redis: IORedis, prefix: string, state: InboundState): Promise<void> {
  await redis.set(inboundStateKey(prefix), state, 'PX', INBOUND_STATE_TTL_MS);
}

export async function readInboundState(redis: IORedis, prefix: string): Promise<InboundState | null> {
  const value = await redis.get(inboundStateKey(prefix));
  return value === 'up' || value === 'down' || value === 'auth failed' ? value : null;
}

export const inboundLastReadKey = (prefix: string) => `${prefix}:inbound:last-read`;

/** The reader read the mailbox through at `at`: /metrics shows it, so a reader that stalls is seen. */
export async function writeInboundLastRead(redis: IORedis, prefix: string, at: Date): Promise<void> {
  await redis.set(inboundLastReadKey(prefix), String(at.getTime()));
}

export async function readInboundLastRead(redis: IORedis, prefix: string): Promise<Date | null> {
  const value = Number(await redis.get(inboundLastReadKey(prefix)));
  return value > 0 ? new Date(value) : null;
}
