import { useState } from 'react';
import { answer, client } from '../api/client';
import type * as Api from '../api/openapi.generated';
import { ErrorMessage } from '../components/ui';
import { formatWhen } from '../time';

/** The code to show in the room or the online session, for members to check themselves in. */
export function CheckInCodePanel({ meetingId }: { meetingId: string }) {
  const [code, setCode] = useState<Api.CheckInCode | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function show() {
    setError(null);
    try {
      setCode(await answer(client.GET('/meetings/{id}/check-in-code', { params: { path: { id: meetingId } } })));
    } catch (err) {
      setError(err);
    }
  }

  return (
    <div className="check-in-code">
      {code ? (
        <>
          <p>Members type this code on the meeting’s page in SEG Network:</p>
          <p className="big-code">{code.code}</p>
          <p className="small">
            It works {formatWhen(code.opensAt, code.closesAt)}
            {code.open ? ' (open now).' : ' (not open now).'}
          </p>
        </>
      ) : (
        <button type="button" className="button secondary" onClick={show}>
          Show the check-in code
        </button>
      )}
      <ErrorMessage error={error} />
    </div>
  );
}
