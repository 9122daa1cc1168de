import { inboundFixture, unreadableMessage } from '../../../../test/support/inbound-fixtures';
import { readPlainBounce } from './delivery-report';
import { contentMessageId, headerMessageId, readInboundMessage } from './inbound-message';

const ORIGINAL = '<0b6f1c2a-3d4e-4f50-8a9b-0c1d2e3f4a5b.0@seg.example>';
const UID = 'meeting-5d2c8c59-8a53-4c1e-9d0e-2b1f3a4c5d6e@seg.example';

describe('readInboundMessage', () => {
  it.each([
    ['outlook-accept', 'ACCEPTED'],
    ['google-calendar-accept', 'ACCEPTED'],
    ['apple-calendar-decline', 'DECLINED'],
    ['thunderbird-tentative', 'TENTATIVE'],
  ] as const)('reads the iTIP REPLY that %s sends', async (name, partstat) => {
    const message = await readInboundMessage(
      inboundFixture(name, { UID, SEQUENCE: 3, ATTENDEE: 'Jo.Bloggs@Example.net', FROM: 'jo.bloggs@example.net' }),
    );
    expect(message).toMatchObject({
      kind: 'calendar',
      from: 'jo.bloggs@example.net',
      answer: {
        method: 'REPLY',
        uid: UID,
        sequence: 3,
        attendees: [{ email: 'Jo.Bloggs@Example.net', partstat }],
        proposed: null,
      },
    });
  });

  it('reads an Outlook COUNTER with its proposed time in the zone the object defines', async () => {
    const message = await readInboundMessage(inboundFixture('outlook-counter', { UID }));
    expect(message).toMatchObject({
      kind: 'calendar',
      answer: {
        method: 'COUNTER',
        proposed: { startsAt: new Date('2026-06-10T10:00:00Z'), endsAt: new Date('2026-06-10T12:00:00Z') },
      },
    });
  });

  it.each([
    ['postfix-bounce', 'failed', '5.1.1'],
    ['postfix-delayed', 'delayed', '4.4.1'],
    ['exim-bounce', 'failed', '5.1.1'],
    ['exchange-online-bounce', 'failed', '5.1.10'],
    ['gmail-bounce', 'failed', '5.1.1'],
  ] as const)('reads the delivery report of %s', async (name, action, status) => {
    const message = await readInboundMessage(
      inboundFixture(name, {
        BOUNCE_TO: 'seg+b.x@seg.example',
        RECIPIENT: 'jo@example.net',
        ORIGINAL_MESSAGE_ID: ORIGINAL,
      }),
    );
    expect(message).toMatchObject({
      kind: 'bounce',
      envelopeAddresses: expect.arrayContaining(['seg+b.x@seg.example']),
    });
    if (message.kind !== 'bounce') throw new Error('not a bounce');
    expect(message.reports[0]).toMatchObject({
      action,
      status,
      recipient: 'jo@example.net',
      diagnostic: expect.any(String),
    });
    expect(message.originalMessageIds).toContain(ORIGINAL);
  });

  it('takes an out-of-office reply for what it is (RFC 3834 Auto-Submitted)', async () => {
    expect(
      await readInboundMessage(inboundFixture('exchange-out-of-office', { ORIGINAL_MESSAGE_ID: ORIGINAL })),
    ).toMatchObject({ kind: 'auto-reply' });
  });

  it('reads a plain-text bounce by its wording when it gives no status code', () => {
    expect(
      readPlainBounce(
        'This is a permanent error. The following address(es) failed:\n  jo@example.net',
        'jo@example.net',
      ),
    ).toMatchObject({ action: 'failed', status: null });
    expect(readPlainBounce('Warning: message still undelivered after 4 hours; will be retried', null)).toMatchObject({
      action: 'delayed',
    });
    expect(readPlainBounce('Thanks for your message.', null)).toBeNull();
  });
});

describe('a message the parser refuses', () => {
  it.each(['attachments', 'header-lines'] as const)(
    'with too many %s: refused, and still named by its own Message-ID',
    async (shape) => {
      const raw = unreadableMessage(shape, 'many@example.net');
      await expect(readInboundMessage(raw)).rejects.toThrow(/exceeded/);
      expect(headerMessageId(raw)).toBe('<many@example.net>');
    },
  );

  it('is named by its content when its header names none', () => {
    const raw = Buffer.from('From: a@example.net\r\nSubject: no id\r\n\r\nMessage-ID: <in-the-body@example.net>\r\n');
    expect(headerMessageId(raw)).toBeNull();
    expect(contentMessageId(raw)).toBe(contentMessageId(Buffer.from(raw)));
    expect(contentMessageId(raw)).toMatch(/^<[0-9a-f]{64}@inbound\.invalid>$/);
  });

  it('reads a Message-ID folded onto its own line', () => {
    expect(headerMessageId(Buffer.from('Message-ID:\r\n <folded@example.net>\r\nSubject: x\r\n\r\n'))).toBe(
      '<folded@example.net>',
    );
  });
});
