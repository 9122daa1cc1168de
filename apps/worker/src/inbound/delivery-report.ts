/**
 * What a delivery report says about one recipient: `failed` for a permanent refusal (5.x.x),
 * `delayed` for a temporary one (4.x.x, still being retried).
 */
export interface DeliveryReport {
  action: 'failed' | 'delayed';
  /** The enhanced status code (RFC 3463), e.g. `5.1.1`, when the report gives one. */
  status: string | null;
  recipient: string | null;
  /** The receiving server's words, for the secretariat. */
  diagnostic: string | null;
}

const ENHANCED_STATUS = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;
// Words of the plain-text bounces (Exim, qmail, Exchange's text part) when no field says it.
const PERMANENT_WORDS =
  /permanent error|permanently|could not be delivered|couldn't be delivered|wasn't delivered|undeliverable|user unknown|does not exist|no such user|mailbox unavailable|address rejected|recipient not found/i;
const TEMPORARY_WORDS =
  /delayed|will be retried|still being retried|temporar|not yet been delivered|warning only|retry/i;

/** Unfolds header-style fields ("Name: value" with indented continuation lines). */
function fields(block: string): Map<string, string> {
  const out = new Map<string, string>();
  let last: string | null = null;
  for (const line of block.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && last) {
      out.set(last, `${out.get(last)} ${line.trim()}`);
      continue;
    }
    const m = /^([A-Za-z][A-Za-z0-9-]*):\s*(.*)$/.exec(line);
    if (!m) continue;
    last = m[1].toLowerCase();
    if (!out.has(last)) out.set(last, m[2].trim());
  }
  return out;
}

/** `rfc822; jo@example.net` → `jo@example.net`. */
function address(value: string | undefined): string | null {
  if (!value) return null;
  const bare = value.includes(';') ? value.slice(value.indexOf(';') + 1) : value;
  return bare.trim().replace(/^<|>$/g, '') || null;
}

/** `smtp; 550 5.1.1 ...` → `550 5.1.1 ...`. */
function diagnosticText(value: string | undefined): string | null {
  if (!value) return null;
  return value.replace(/^\s*[A-Za-z-]+\s*;\s*/, '').trim() || null;
}

/**
 * The per-recipient fields of an RFC 3464 `message/delivery-status` part, found in the text of
 * a message (Postfix, Exchange and Gmail all send one): the blocks that name a
 * `Final-Recipient` with an `Action`.
 */
export function readDeliveryStatus(text: string): DeliveryReport[] {
  const reports: DeliveryReport[] = [];
  for (const block of text.split(/\r?\n[ \t]*\r?\n/)) {
    if (!/^\s*Final-Recipient:/im.test(block) || !/^Action:/im.test(block)) continue;
    const f = fields(block);
    const action = (f.get('action') ?? '').toLowerCase();
    const status = ENHANCED_STATUS.exec(f.get('status') ?? '')?.[0] ?? null;
    let kind: DeliveryReport['action'] | null = null;
    if (action === 'failed') kind = status?.startsWith('4') ? 'delayed' : 'failed';
    else if (action === 'delayed') kind = 'delayed';
    // relayed, delivered, expanded: nothing went wrong.
    if (!kind) continue;
    reports.push({
      action: kind,
      status,
      recipient: address(f.get('final-recipient')),
      diagnostic: diagnosticText(f.get('diagnostic-code')) ?? status,
    });
  }
  return reports;
}

/**
 * A plain-text bounce (Exim's "Mail delivery failed", qmail's "failure notice") read as one
 * report: the first enhanced status code decides, else an SMTP reply code, else the wording.
 */
export function readPlainBounce(text: string, failedRecipient: string | null): DeliveryReport | null {
  // The copy of the original message that many bounces quote is not the report.
  const report = text.split(/^-{3,}.*(copy of the message|original message).*$/im)[0];
  const enhanced = ENHANCED_STATUS.exec(report);
  const smtp = /\b([45])\d\d[ -]/.exec(report);
  const klass =
    enhanced?.[1] ?? smtp?.[1] ?? (TEMPORARY_WORDS.test(report) ? '4' : PERMANENT_WORDS.test(report) ? '5' : null);
  if (klass !== '4' && klass !== '5') return null;
  const diagnosticLine = report
    .split(/\r?\n/)
    .find((line) => ENHANCED_STATUS.test(line) || /\b[45]\d\d[ -]/.test(line));
  return {
    action: klass === '5' ? 'failed' : 'delayed',
    status: enhanced?.[0] ?? null,
    recipient: failedRecipient,
    diagnostic: diagnosticLine?.trim() ?? null,
  };
}

/** Whether the message looks like a bounce at all: a report, or a mailer daemon's words. */
export function looksLikeBounce(input: {
  contentType: string;
  from: string;
  subject: string;
  failedRecipients: string | null;
}): boolean {
  if (/multipart\/report/i.test(input.contentType) && /report-type="?delivery-status/i.test(input.contentType))
    return true;
  if (input.failedRecipients) return true;
  if (/^(mailer-daemon|postmaster|mail-daemon)@/i.test(input.from)) return true;
  return /undeliver|delivery (status notification|failure|has failed)|returned mail|failure notice|mail delivery failed|delayed mail|delivery delayed/i.test(
    input.subject,
  );
}
