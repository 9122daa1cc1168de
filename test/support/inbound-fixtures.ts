import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const DIR = path.resolve(__dirname, '../fixtures/inbound');

export type InboundFixture =
  | 'outlook-accept'
  | 'outlook-counter'
  | 'google-calendar-accept'
  | 'apple-calendar-decline'
  | 'thunderbird-tentative'
  | 'postfix-bounce'
  | 'postfix-delayed'
  | 'exim-bounce'
  | 'exchange-online-bounce'
  | 'gmail-bounce'
  | 'exchange-out-of-office';

/** The blanks a fixture may have; each defaults to something harmless. */
export interface FixtureValues {
  /** Unique per message unless given, so the same fixture can arrive twice as two messages. */
  ID?: string;
  FROM?: string;
  TO?: string;
  /**
   * The ORGANIZER of the invitation as it was sent (the invitee's tagged reply address): each
   * calendar program replies To it, and those that keep ORGANIZER in the reply write it there too.
   * Defaults to TO.
   */
  ORGANIZER?: string;
  ATTENDEE?: string;
  PARTSTAT?: string;
  UID?: string;
  SEQUENCE?: number;
  SUMMARY?: string;
  BOUNCE_TO?: string;
  RECIPIENT?: string;
  /** With its angle brackets, as in a Message-ID header. */
  ORIGINAL_MESSAGE_ID?: string;
}

/**
 * A fixture (test/fixtures/inbound, where the README says where each shape comes from) with
 * its blanks filled: `{{NAME}}` is a value, and a `{{base64 ... }}` block is encoded as the
 * client encodes that part. Lines end in CRLF, as on the wire.
 */
export function inboundFixture(name: InboundFixture, values: FixtureValues = {}): Buffer {
  const filled: Record<string, string> = {
    ID: randomUUID(),
    FROM: 'jo@example.net',
    TO: 'seg@example.org',
    ATTENDEE: values.FROM ?? 'jo@example.net',
    PARTSTAT: name.endsWith('-decline') ? 'DECLINED' : name.endsWith('-tentative') ? 'TENTATIVE' : 'ACCEPTED',
    UID: 'meeting-00000000-0000-0000-0000-000000000000@example.org',
    SUMMARY: 'Hub meeting',
    BOUNCE_TO: 'seg@example.org',
    RECIPIENT: 'jo@example.net',
    ORIGINAL_MESSAGE_ID: '<unknown@example.org>',
    ...Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])),
    SEQUENCE: String(values.SEQUENCE ?? 0),
  };
  filled.ORGANIZER ??= filled.TO;
  const fill = (text: string) => text.replace(/\{\{([A-Z_]+)\}\}/g, (_, key: string) => filled[key] ?? `{{${key}}}`);
  const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');
  const source = readFileSync(path.join(DIR, `${name}.eml`), 'utf8');
  const encoded = source.replace(/\{\{base64\n([\s\S]*?)\n\}\}/g, (_, body: string) =>
    Buffer.from(crlf(fill(body)) + '\r\n', 'utf8')
      .toString('base64')
      .replace(/.{76}/g, '$&\n'),
  );
  return Buffer.from(crlf(fill(encoded)), 'utf8');
}

/**
 * A message no parser should be asked to read whole: 1,000 attachments, or 50,000 header lines
 * (as a mail loop or a hostile sender makes them). `id` is its Message-ID without the brackets.
 */
export function unreadableMessage(shape: 'attachments' | 'header-lines', id: string, to = 'seg@example.org'): Buffer {
  const head = [
    `From: sender@example.net`,
    `To: ${to}`,
    `Message-ID: <${id}>`,
    'Subject: Many parts',
    'MIME-Version: 1.0',
  ];
  if (shape === 'header-lines') {
    for (let i = 0; i < 50_000; i++) head.push(`X-Filler-${i}: line ${i}`);
    return Buffer.from(`${head.join('\r\n')}\r\nContent-Type: text/plain\r\n\r\nHello\r\n`);
  }
  const lines = [
    ...head,
    'Content-Type: multipart/mixed; boundary="part"',
    '',
    '--part',
    'Content-Type: text/plain',
    '',
    'Hello',
  ];
  for (let i = 0; i < 1_000; i++) {
    lines.push('--part', `Content-Type: application/octet-stream; name="file-${i}.bin"`);
    lines.push(
      'Content-Transfer-Encoding: base64',
      `Content-Disposition: attachment; filename="file-${i}.bin"`,
      '',
      'AAAA',
    );
  }
  lines.push('--part--', '');
  return Buffer.from(lines.join('\r\n'));
}
