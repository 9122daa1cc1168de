import { createHash } from 'node:crypto';
import { AddressObject, Attachment, HeaderValue, ParsedMail, simpleParser } from 'mailparser';
import { CalendarAnswer, readCalendarAnswer } from './calendar-reply';
import { DeliveryReport, looksLikeBounce, readDeliveryStatus, readPlainBounce } from './delivery-report';

/** A message from the inbound mailbox, read for what it is. */
export type InboundMessage = { messageId: string } & (
  | {
      kind: 'calendar';
      from: string | null;
      /** Every address the message was delivered to: an invitee's reply address names their invitation. */
      envelopeAddresses: string[];
      answer: CalendarAnswer;
    }
  | {
      kind: 'bounce';
      /** Every address the message was delivered to: a VERP address names the notice. */
      envelopeAddresses: string[];
      reports: DeliveryReport[];
      /** Message-IDs of the message that bounced, as the report quotes them. */
      originalMessageIds: string[];
    }
  | { kind: 'auto-reply' }
  | { kind: 'other' }
);

const ADDRESS = /[^\s<>,;:"()[\]]+@[^\s<>,;:"()[\]]+/g;
const MESSAGE_ID_LINE = /^(?:X-Original-)?Message-ID:\s*(<[^>\s]+>)/gim;

function headerText(value: HeaderValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => headerText(v as HeaderValue)).join(', ');
  if (value instanceof Date) return value.toISOString();
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('value' in value) return String(value.value);
  return '';
}

function addresses(...values: (string | AddressObject | AddressObject[] | undefined)[]): string[] {
  const text = values
    .flatMap((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .map((v) => (typeof v === 'string' ? v : v.text))
    .join(' ');
  return [...new Set(text.match(ADDRESS) ?? [])];
}

/** A calendar part's text in its own charset (mailparser has undone the transfer encoding). */
function calendarText(part: Attachment): string {
  const contentType = part.headers.get('content-type') as { params?: Record<string, string> } | undefined;
  const charset = contentType?.params?.charset ?? 'utf-8';
  try {
    return new TextDecoder(charset).decode(part.content);
  } catch {
    return part.content.toString('utf8');
  }
}

/**
 * The iTIP answer of a message: its text/calendar part (inline, as every client sends it),
 * else an attached .ics.
 */
function calendarAnswer(mail: ParsedMail): CalendarAnswer | null {
  const parts = mail.attachments.filter((a) => /^(text\/calendar|application\/ics)$/i.test(a.contentType));
  parts.sort(
    (a, b) =>
      Number(b.contentType.toLowerCase() === 'text/calendar') - Number(a.contentType.toLowerCase() === 'text/calendar'),
  );
  for (const part of parts) {
    const answer = readCalendarAnswer(calendarText(part));
    if (answer) return answer;
  }
  return null;
}

/** RFC 3834: anything but `Auto-Submitted: no` is automatic; some vacation responders use older headers. */
function isAutomatic(mail: ParsedMail): boolean {
  const autoSubmitted = headerText(mail.headers.get('auto-submitted')).trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return true;
  if (mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond')) return true;
  return /^auto_reply$/i.test(headerText(mail.headers.get('precedence')).trim());
}

function originalMessageIds(mail: ParsedMail, text: string): string[] {
  const ids = new Set<string>();
  const refs = [mail.inReplyTo ?? '', ...(Array.isArray(mail.references) ? mail.references : [mail.references ?? ''])];
  for (const ref of refs) for (const id of ref.match(/<[^>\s]+>/g) ?? []) ids.add(id);
  const quoted = [
    text,
    ...mail.attachments
      .filter((a) => /^(message\/rfc822|text\/rfc822-headers)$/i.test(a.contentType))
      .map((a) => a.content.toString('utf8')),
  ];
  for (const source of quoted) for (const m of source.matchAll(MESSAGE_ID_LINE)) ids.add(m[1]);
  const own = mail.messageId;
  if (own) ids.delete(own);
  return [...ids];
}

/** The name of a message without a Message-ID, from its content: the same message has the same name. */
export function contentMessageId(raw: Buffer): string {
  return `<${createHash('sha256').update(raw).digest('hex')}@inbound.invalid>`;
}

/** How far into a message its Message-ID is looked for when the parser cannot read it. */
const HEADER_SCAN_BYTES = 256 * 1024;

/** The Message-ID header of a message the parser could not read, read from its raw header; null if none. */
export function headerMessageId(raw: Buffer): string | null {
  const text = raw.subarray(0, HEADER_SCAN_BYTES).toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const header = end < 0 ? text : text.slice(0, end);
  return /^Message-ID:[ \t]*(?:\r?\n[ \t]+)?(<[^<>\s]+>)/im.exec(header)?.[1] ?? null;
}

/** Reads one raw message (RFC 5322) from the mailbox; throws when the parser refuses it. */
export async function readInboundMessage(raw: Buffer): Promise<InboundMessage> {
  const mail = await simpleParser(raw, { skipHtmlToText: true, skipTextLinks: true, skipImageLinks: true });
  // A message without a Message-ID is still handled once: its content names it.
  const messageId = mail.messageId ?? contentMessageId(raw);
  const from = mail.from?.value[0]?.address ?? null;

  // The addresses it was sent and delivered to, as the headers say (the envelope is not kept).
  const envelopeAddresses = addresses(
    mail.to,
    mail.cc,
    headerText(mail.headers.get('delivered-to')),
    headerText(mail.headers.get('x-original-to')),
    headerText(mail.headers.get('envelope-to')),
  );
  const answer = calendarAnswer(mail);
  if (answer) return { messageId, kind: 'calendar', from, envelopeAddresses, answer };

  const contentType = headerText(mail.headers.get('content-type'));
  const rawContentType =
    /^content-type:[^\r\n]*(\r?\n[ \t][^\r\n]*)*/im.exec(raw.subarray(0, 64 * 1024).toString('latin1'))?.[0] ??
    contentType;
  const failedRecipients = headerText(mail.headers.get('x-failed-recipients')) || null;
  if (
    looksLikeBounce({ contentType: rawContentType, from: from ?? '', subject: mail.subject ?? '', failedRecipients })
  ) {
    // mailparser folds the message/delivery-status part into the text.
    const text = mail.text ?? '';
    const structured = readDeliveryStatus(text);
    const plain = structured.length ? null : readPlainBounce(text, failedRecipients?.match(ADDRESS)?.[0] ?? null);
    return {
      messageId,
      kind: 'bounce',
      envelopeAddresses: [...envelopeAddresses, ...addresses(headerText(mail.headers.get('return-path')))],
      reports: plain ? [plain] : structured,
      originalMessageIds: originalMessageIds(mail, text),
    };
  }
  if (isAutomatic(mail)) return { messageId, kind: 'auto-reply' };
  return { messageId, kind: 'other' };
}
