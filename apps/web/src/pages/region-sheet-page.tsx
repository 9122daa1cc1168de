import { useState } from 'react';
import { answer, asFile, client, download } from '../api/client';
import type * as Api from '../api/openapi.generated';
import { ContactLinks } from '../components/contacts';
import { ErrorMessage, Loading, Page } from '../components/ui';
import { useResource } from '../hooks';
import { Link } from '../router';

type Sheet = Api.RegionSheet;
type Person = Sheet['reps'][number]['member'];

/**
 * A region's contacts for the office wall, as the server answers them to this member: printed
 * from the browser (the print styles leave out the site's header and these buttons) or saved as
 * the server's PDF. Both carry the QR code of this page, where the details are current.
 */
export function RegionSheetPage({ code }: { code: string }) {
  const sheet = useResource(() => answer(client.GET('/regions/{code}/sheet', { params: { path: { code } } })), [code]);
  if (sheet.loading && !sheet.data) return <Loading />;
  if (!sheet.data)
    return (
      <Page title="Contact sheet">
        <ErrorMessage error={sheet.error} retry={sheet.reload} />
      </Page>
    );
  const s = sheet.data;
  return (
    <Page title={`${s.region.name}: who to contact`} lead="RCGP Secure Environments Group, SEG Network">
      <div className="region-sheet">
        <SheetActions sheet={s} />
        <div className="sheet-head">
          <div>
            <p>Printed on {s.printedOnText}.</p>
            <p>
              Check current details at <a href={s.link}>{s.link}</a>
            </p>
          </div>
          <img
            className="sheet-qr"
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(s.qrCodeSvg)}`}
            alt={`QR code of ${s.link}`}
            width={104}
            height={104}
          />
        </div>
        <SheetReps sheet={s} />
        <SheetEstablishments sheet={s} />
        <section aria-labelledby="sheet-secretariat" className="sheet-section">
          <h2 id="sheet-secretariat">The secretariat</h2>
          <p>
            <a href={`mailto:${s.secretariatEmail}`}>{s.secretariatEmail}</a>: for anything above, or a colleague’s
            details not shown here.
          </p>
        </section>
      </div>
    </Page>
  );
}

function SheetActions({ sheet }: { sheet: Sheet }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function pdf() {
    setBusy(true);
    setError(null);
    try {
      const file = `SEG contacts, ${sheet.region.name}.pdf`;
      const region = { path: { code: sheet.region.code } };
      await download(client.GET('/regions/{code}/sheet.pdf', { params: region, ...asFile('application/pdf') }), file);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="no-print">
      <div className="button-row">
        <button type="button" className="button" onClick={() => window.print()}>
          Print this sheet
        </button>
        <button type="button" className="button secondary" onClick={pdf} disabled={busy}>
          Save as PDF
        </button>
      </div>
      <ErrorMessage error={error} />
      <p className="hint">
        It shows the contact details you may see. <Link to={`/regions/${sheet.region.code}`}>Back to the region</Link>
      </p>
    </div>
  );
}

function SheetReps({ sheet }: { sheet: Sheet }) {
  return (
    <section aria-labelledby="sheet-reps" className="sheet-section">
      <h2 id="sheet-reps">Representatives</h2>
      {sheet.reps.length ? (
        <table className="sheet-table">
          <thead>
            <tr>
              <th scope="col">Post</th>
              <th scope="col">Name</th>
              <th scope="col">Contact</th>
            </tr>
          </thead>
          <tbody>
            {sheet.reps.map((rep) => (
              <tr key={rep.postId}>
                <th scope="row">{rep.role}</th>
                <td>{about(rep.member)}</td>
                <td>
                  <ContactLinks email={rep.member.email} phone={rep.member.phone} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>The region has no representative at present: ask the secretariat.</p>
      )}
    </section>
  );
}

function SheetEstablishments({ sheet }: { sheet: Sheet }) {
  return (
    <section aria-labelledby="sheet-places" className="sheet-section">
      <h2 id="sheet-places">Establishments</h2>
      {sheet.establishments.length ? (
        <table className="sheet-table">
          <thead>
            <tr>
              <th scope="col">Who works there</th>
              <th scope="col">Contact</th>
            </tr>
          </thead>
          {sheet.establishments.map(({ establishment, people }) => (
            <tbody key={establishment.id}>
              <tr>
                <th scope="rowgroup" colSpan={2} className="sheet-place">
                  {establishment.name} <span className="sheet-place-where">{placeLine(establishment)}</span>
                </th>
              </tr>
              {people.length ? (
                people.map((person) => (
                  <tr key={person.id}>
                    <td>{about(person)}</td>
                    <td>
                      <ContactLinks email={person.email} phone={person.phone} />
                    </td>
                  </tr>
                ))
              ) : (
                <tr>
                  <td colSpan={2}>Nobody listed here yet: ask the representatives above.</td>
                </tr>
              )}
            </tbody>
          ))}
        </table>
      ) : (
        <p>No establishment is registered in this region.</p>
      )}
    </section>
  );
}

function about(person: Person): string {
  return person.category ? `${person.name}, ${person.category.name}` : person.name;
}

function placeLine(e: Sheet['establishments'][number]['establishment']): string {
  const where = [e.town, e.postcode].filter(Boolean).join(' ');
  return [e.type.name, where].filter(Boolean).join(', ');
}
