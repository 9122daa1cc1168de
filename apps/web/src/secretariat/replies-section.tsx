import { useState } from 'react';
import { asFile, client, download } from '../api/client';
import type { Attendance } from '../api/openapi.generated';
import { ErrorMessage } from '../components/ui';
import { useResource } from '../hooks';
import { attendanceTotals } from './attendance-answers';

/** The replies so far: totals, a bar per region, and the CSV downloads. */
export function RepliesSection({ meetingId, tick }: { meetingId: string; tick: number }) {
  const meeting = { path: { id: meetingId } };
  const attendance = useResource(() => attendanceTotals(meetingId), [meetingId, tick]);
  const csv = { params: { ...meeting, query: { format: 'csv' } }, ...asFile('text/csv') } as const;
  const [error, setError] = useState<unknown>(null);
  const a = attendance.data;

  async function downloadTotals() {
    try {
      await download(client.GET('/meetings/{id}/attendance', csv), 'attendance.csv');
    } catch (err) {
      setError(err);
    }
  }

  /** Who answered what, how and to which version: what a representative follows up on. */
  async function downloadEach() {
    try {
      await download(client.GET('/meetings/{id}/invitations', csv), 'replies.csv');
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section className="section" aria-labelledby="replies-heading">
      <h2 id="replies-heading">Replies</h2>
      <ErrorMessage error={attendance.error ?? error} retry={attendance.reload} />
      {a ? (
        <>
          <ReplyTotals totals={a.totals} />
          <RepliesByRegion regions={a.byRegion} />
          <div className="button-row">
            <button type="button" className="button secondary" onClick={downloadEach}>
              Download each person's reply (CSV)
            </button>
            <button type="button" className="button secondary" onClick={downloadTotals}>
              Download replies by region and category (CSV)
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}

function ReplyTotals({ totals }: { totals: Attendance['totals'] }) {
  return (
    <ul className="totals" aria-label="Replies">
      <li>
        <strong>{totals.invitees}</strong> invited
      </li>
      <li>
        <strong>{totals.accepted}</strong> going
      </li>
      <li>
        <strong>{totals.tentative}</strong> maybe
      </li>
      <li>
        <strong>{totals.declined}</strong> not going
      </li>
      <li>
        <strong>{totals.noReply}</strong> no reply
      </li>
    </ul>
  );
}

/** A bar per region with invitees, as long as its count of invitees and coloured by their replies. */
function RepliesByRegion({ regions }: { regions: Attendance['byRegion'] }) {
  const groups = regions.filter((g) => g.invitees > 0);
  const widest = Math.max(1, ...groups.map((g) => g.invitees));
  if (!groups.length) return null;
  return (
    <figure>
      <figcaption>
        <strong>Replies by region</strong>
      </figcaption>
      <ul className="legend" aria-hidden="true">
        <li>
          <span className="bar-accepted" />
          Going
        </li>
        <li>
          <span className="bar-tentative" />
          Maybe
        </li>
        <li>
          <span className="bar-declined" />
          Not going
        </li>
        <li>
          <span style={{ background: 'var(--wash)', border: '1px solid var(--line)' }} />
          No reply
        </li>
      </ul>
      <div className="bars">
        {groups.map((g) => (
          <div className="bar-row" key={g.code ?? 'none'}>
            <span>{g.name}</span>
            <div className="bar-track" style={{ width: `${(g.invitees / widest) * 100}%` }} aria-hidden="true">
              <div className="bar-accepted" style={{ width: `${(g.accepted / g.invitees) * 100}%` }} />
              <div className="bar-tentative" style={{ width: `${(g.tentative / g.invitees) * 100}%` }} />
              <div className="bar-declined" style={{ width: `${(g.declined / g.invitees) * 100}%` }} />
            </div>
            <span className="small">
              {g.accepted} going, {g.tentative} maybe, {g.declined} not, {g.noReply} no reply
            </span>
          </div>
        ))}
      </div>
    </figure>
  );
}
