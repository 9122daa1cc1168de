import { randomUUID } from 'node:crypto';
import { createUnsubscribeToken, readUnsubscribeToken, unsubscribeLink } from './unsubscribe-token';

describe('unsubscribe tokens', () => {
  const secret = 'a-secret-long-enough-for-the-test';

  it('round-trips the member and the kind of notice', () => {
    const memberId = randomUUID();
    const token = createUnsubscribeToken(secret, memberId, 'reminders');
    expect(token).toMatch(/^reminders\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/);
    expect(readUnsubscribeToken(secret, token)).toEqual({ memberId, choice: 'reminders' });
    expect(unsubscribeLink('https://seg.example.org', secret, memberId, 'hub-meetings')).toBe(
      `https://seg.example.org/unsubscribe/${createUnsubscribeToken(secret, memberId, 'hub-meetings')}`,
    );
  });

  it('refuses a token whose kind was changed: each kind signs with its own key', () => {
    const token = createUnsubscribeToken(secret, randomUUID(), 'reminders');
    expect(readUnsubscribeToken(secret, token.replace(/^reminders/, 'hub-meetings'))).toBeNull();
    expect(readUnsubscribeToken(secret, token.replace(/^reminders/, 'messages'))).toBeNull();
  });

  it('refuses a token whose member was swapped, signed with another secret, or cut short', () => {
    const [, , mac] = createUnsubscribeToken(secret, randomUUID(), 'reminders').split('.');
    const [, otherId] = createUnsubscribeToken(secret, randomUUID(), 'reminders').split('.');
    expect(readUnsubscribeToken(secret, `reminders.${otherId}.${mac}`)).toBeNull();
    expect(
      readUnsubscribeToken(secret, createUnsubscribeToken('another-secret-entirely', randomUUID(), 'reminders')),
    ).toBeNull();
    expect(readUnsubscribeToken(secret, 'reminders')).toBeNull();
    expect(readUnsubscribeToken(secret, '')).toBeNull();
  });
});
