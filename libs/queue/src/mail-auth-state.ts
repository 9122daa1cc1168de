import type IORedis from 'ioredis';

/**
 * The mail provider refused to let the worker send (a revoked secret, a withdrawn consent, a
 * wrong password), as the first worker to meet it said, with the provider's words. Kept until a
 * send or a sign-in goes through again; the API's /health reads it.
 */
export interface MailAuthRefusal {
  reason: string;
  since: Date;
}

export const mailAuthRefusedKey = (prefix: string) => `${prefix}:mail:auth-refused`;

/** Records a refusal; true for the first one since sending last worked (the one worth logging). */
export async function writeMailAuthRefused(redis: IORedis, prefix: string, reason: string, at: Date): Promise<boolean> {
  const set = await redis.set(mailAuthRefusedKey(prefix), JSON.stringify({ reason, since: at.toISOString() }), 'NX');
  return set === 'OK';
}

export async function readMailAuthRefused(redis: IORedis, prefix: string): Promise<MailAuthRefusal | null> {
  const value = await redis.get(mailAuthRefusedKey(prefix));
  if (!value) return null;
  const parsed = JSON.parse(value) as { reason: string; since: string };
  return { reason: parsed.reason, since: new Date(parsed.since) };
}

/** Sending works again; true when there was a refusal to clear. */
export async function clearMailAuthRefused(redis: IORedis, prefix: string): Promise<boolean> {
  return (await redis.del(mailAuthRefusedKey(prefix))) > 0;
}
