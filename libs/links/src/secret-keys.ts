import { hkdfSync } from 'node:crypto';

const keys = new Map<string, Buffer>();

/**
 * A key of its own for each use of the app secret (RSVP links, page cursors, bounce addresses),
 * so one signature can never double as another. Derived once per secret and purpose: the worker
 * signs in every notice it sends.
 */
export function purposeKey(secret: string, purpose: string): Buffer {
  const id = `${purpose}\n${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, 'seg-network', purpose, 32));
    keys.set(id, key);
  }
  return key;
}
