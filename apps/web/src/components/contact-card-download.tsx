import { useState } from 'react';
import { api } from '../api/client';
import { ErrorMessage } from './ui';

/**
 * Contact cards to keep: vCard 4.0, which phones and most mail programs read, or 3.0 for
 * Outlook. They hold what the member may see, as the page does.
 */
export function ContactCardDownload({ path, file, label }: { path: string; file: string; label: string }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function download(version: '4.0' | '3.0') {
    setBusy(true);
    setError(null);
    try {
      await api.download(path, `${file}.vcf`, 'text/vcard', { version });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="contact-card-download">
      <div className="button-row">
        <button type="button" className="button secondary" onClick={() => download('4.0')} disabled={busy}>
          {label}
        </button>
        <button type="button" className="button secondary small" onClick={() => download('3.0')} disabled={busy}>
          For Outlook
        </button>
      </div>
      <ErrorMessage error={error} />
    </div>
  );
}
