import type DKIM from 'nodemailer/lib/dkim';

/** A DKIM key of the group's domain (DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY). */
export interface DkimKey {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

// Nodemailer's own list (RFC 6376's suggestions and the List-* fields) with List-Unsubscribe-Post
// added: RFC 8058 counts a one-click unsubscribe only when the signature covers both its fields.
const SIGNED_FIELDS = [
  'From',
  'Sender',
  'Reply-To',
  'Subject',
  'Date',
  'Message-ID',
  'To',
  'Cc',
  'MIME-Version',
  'Content-Type',
  'Content-Transfer-Encoding',
  'Content-ID',
  'Content-Description',
  'Resent-Date',
  'Resent-From',
  'Resent-Sender',
  'Resent-To',
  'Resent-Cc',
  'Resent-Message-ID',
  'In-Reply-To',
  'References',
  'List-Id',
  'List-Help',
  'List-Unsubscribe',
  'List-Unsubscribe-Post',
  'List-Subscribe',
  'List-Post',
  'List-Owner',
  'List-Archive',
].join(':');

/** Nodemailer's DKIM options for a message signed with the group's key. */
export function dkimSigning(key: DkimKey): DKIM.Options {
  return { ...key, headerFieldNames: SIGNED_FIELDS };
}
