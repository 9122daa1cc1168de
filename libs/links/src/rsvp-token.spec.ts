import { randomUUID } from 'node:crypto';
import { createRsvpToken, readRsvpToken } from './rsvp-token';

describe('RSVP tokens', () => {
  const secret = 'a-secret-long-enough-for-the-test';

  it('round-trips the invitation id', () => {
    const id = randomUUID();
    const token = createRsvpToken(secret, id);
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/);
    expect(readRsvpToken(secret, token)).toBe(id);
  });

  it('is the same token every time for one invitation', () => {
    const id = randomUUID();
    expect(createRsvpToken(secret, id)).toBe(createRsvpToken(secret, id));
  });

  it('refuses a token signed with another secret', () => {
    const token = createRsvpToken('another-secret-entirely', randomUUID());
    expect(readRsvpToken(secret, token)).toBeNull();
  });

  it('refuses a token whose id was swapped for another invitation', () => {
    const [, signature] = createRsvpToken(secret, randomUUID()).split('.');
    const [otherId] = createRsvpToken(secret, randomUUID()).split('.');
    expect(readRsvpToken(secret, `${otherId}.${signature}`)).toBeNull();
  });

  it('refuses a tampered or malformed token', () => {
    const token = createRsvpToken(secret, randomUUID());
    const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect(readRsvpToken(secret, flipped)).toBeNull();
    expect(readRsvpToken(secret, '')).toBeNull();
    expect(readRsvpToken(secret, 'not-a-token')).toBeNull();
    expect(readRsvpToken(secret, `${token}x`)).toBeNull();
  });
});
