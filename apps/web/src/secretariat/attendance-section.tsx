import { useState } from 'react';
import { RSVP_WORDING } from '@seg/rules/rsvp-wording';
import { answer, asFile, client, download as save } from '../api/client';
import type * as Api from '../api/openapi.generated';
import type { MeetingView as Meeting } from '../api/openapi.generated';
import { Alert, ErrorMessage, Loading } from '../components/ui';
import { useResource } from '../hooks';
import { attendanceRegister } from './attendance-answers';
import { CheckInCodePanel } from './check-in-code-panel';
import { MemberPicker } from './member-picker';

/**
 * Who came, for the organiser, once the meeting has started: everyone who replied Going at once,
 * corrections line by line, walk-ins found by name, the check-in code, and the list as CSV.
 */
export function AttendanceSection({ meeting }: { meeting: Meeting }) {
  const [tick, setTick] = useState(0);
  const register = useResource(() => attendanceRegister(meeting.id), [meeting.id, tick]);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);

  async function act(work: () => Promise<string | null>) {
    setError(null);
    setNote(null);
    try {
      setNote(await work());
      setTick((t) => t + 1);
    } catch (err) {
      setError(err);
    }
  }
  const markGoing = () =>
    act(async () => {
      const r = await answer(
        client.POST('/meetings/{id}/attendance', { params: { path: { id: meeting.id } }, body: { going: true } }),
      );
      return `${r.marked} marked as came; ${r.already} already were.`;
    });
  const mark = (memberId: string, attended: boolean) =>
    act(async () => {
      const line = { path: { id: meeting.id, memberId } };
      await answer(client.PUT('/meetings/{id}/attendance/{memberId}', { params: line, body: { attended } }));
      return null;
    });
  const download = () =>
    act(async () => {
      const query = { by: 'person', format: 'csv' } as const;
      const csv = client.GET('/meetings/{id}/attendance', {
        params: { path: { id: meeting.id }, query },
        ...asFile('text/csv'),
      });
      await save(csv, 'attendees.csv');
      return null;
    });

  const page = register.data;
  return (
    <section className="section" aria-labelledby="attendance-heading">
      <h2 id="attendance-heading">Who came</h2>
      <CheckInCodePanel meetingId={meeting.id} />
      <div className="button-row">
        <button type="button" className="button" onClick={markGoing}>
          Mark everyone who replied Going as came
        </button>
        <button type="button" className="button secondary" onClick={download}>
          Download who came (CSV)
        </button>
      </div>
      <MemberPicker id="walk-in" label="Add someone who came without an invitation" onPick={(m) => mark(m.id, true)} />
      <ErrorMessage error={error} />
      {note ? <Alert kind="success">{note}</Alert> : null}
      {register.loading && !page ? <Loading what="Loading the register" /> : null}
      <ErrorMessage error={register.error} retry={register.reload} />
      {page ? <RegisterTable page={page} onMark={mark} /> : null}
    </section>
  );
}

function RegisterTable({ page, onMark }: { page: Api.RegisterPage; onMark: (id: string, came: boolean) => void }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="The register">
      <table>
        <caption>
          {page.attended} came, of {page.total} invited or recorded
        </caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Reply</th>
            <th scope="col">Came</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((line) => {
            const came = line.attendance?.attended === true;
            return (
              <tr key={line.member.id}>
                <td>{line.member.name}</td>
                <td>{line.rsvp ? RSVP_WORDING[line.rsvp] : 'Not invited'}</td>
                <td>{came ? 'Yes' : line.attendance ? 'No (corrected)' : 'Not recorded'}</td>
                <td>
                  <button type="button" className="link-button" onClick={() => onMark(line.member.id, !came)}>
                    {came ? 'Did not come' : 'Came'}
                    <span className="visually-hidden"> {line.member.name}</span>
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
