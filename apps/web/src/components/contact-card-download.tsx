import { useState } from 'react';
import { asFile, client, download } from '../api/client';
import { ErrorMessage } from './ui';

type VcardVersion = '4.0' | '3.0';

/** A member's card, or with no member the member's own contacts (their region's and the hub's). */
function vcard(member: string | undefined, version: VcardVersion) {
  const asked = asFile('text/vcard');
  return member
    ? client.GET('/directory/members/{id}/vcard', { ...asked, params: { path: { id: member }, query: { version } } })
    : client.GET('/me/contacts/vcard', { ...asked, params: { query: { version } } });
}

/**
 * Contact cards to keep: vCard 4.0, which phones and most mail programs read, or 3.0 for
 * Outlook. They hold what the member may see, as the page does.
 */
export function ContactCardDownload({ member, file, label }: { member?: string; file: string; label: string }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function save(version: VcardVersion) {
    setBusy(true);
    setError(null);
    try {
      await download(vcard(member, version), `${file}.vcf`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="contact-card-download">
      <div className="button-row">
        <button type="button" className="button secondary" onClick={() => save('4.0')} disabled={busy}>
          {label}
        </button>
        <button type="button" className="button secondary small" onClick={() => save('3.0')} disabled={busy}>
          For Outlook
        </button>
      </div>
      <ErrorMessage error={error} />
    </div>
  );
}
