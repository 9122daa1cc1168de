import { useState } from 'react';
import { answer, client } from '../api/client';
import type * as Api from '../api/openapi.generated';
import { Alert, ErrorSummary } from '../components/ui';
import { Audience, audienceBody, AudiencePicker, audienceIsEmpty, invitationPreview } from './audience-picker';
import { deliveryEstimateText } from './delivery-wording';
import { MemberPicker } from './member-picker';

const plural = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;

function sentText(answer: Api.InviteResult): string {
  const skipped = answer.skipped ? answer.skipped.suspended + answer.skipped.left : 0;
  return `${answer.invited} invited${answer.alreadyInvited ? `; ${answer.alreadyInvited} were already invited` : ''}${skipped ? `; ${skipped} left out because they are no longer members` : ''}. The emails go out in the background: follow them below.`;
}

/** Choosing who to invite and sending. `region`: a representative's invitation, inside the meeting's region only. */
export function InviteSection({
  meetingId,
  region,
  onSent,
}: {
  meetingId: string;
  region?: { code: string; name: string } | null;
  onSent: () => void;
}) {
  const [audience, setAudience] = useState<Audience>({});
  const [picked, setPicked] = useState<{ id: string; name: string }[]>([]);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [sends, setSends] = useState(0);

  async function send() {
    setError(null);
    setResult(null);
    setBusy(true);
    try {
      // Counted afresh at the click, by the same query that will invite.
      const body = audienceBody(audience, picked);
      const preview = await invitationPreview(meetingId, body);
      if (preview.wouldInvite === 0) {
        setResult('Nobody new to invite: everyone chosen is already invited or cannot be invited.');
        return;
      }
      const question = `Send the invitation to ${plural(preview.wouldInvite, 'member')}? ${deliveryEstimateText(preview.delivery)}`;
      if (!window.confirm(question)) return;
      const meeting = { path: { id: meetingId } };
      setResult(sentText(await answer(client.POST('/meetings/{id}/invitations', { params: meeting, body }))));
      setAudience({});
      setPicked([]);
      setSends((n) => n + 1);
      onSent();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="section card" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite</h2>
      {result ? <Alert kind="success">{result}</Alert> : null}
      <ErrorSummary error={error} linked={false} labels={{ venue: 'Venue', audience: 'Audience' }} />
      <AudiencePicker
        meetingId={meetingId}
        region={region}
        sends={sends}
        value={audience}
        onChange={setAudience}
        picked={picked}
        onPickedChange={setPicked}
      />
      <MemberPicker
        id="aud-member"
        label={region ? `Add a member of ${region.name} by name` : 'Add a member by name'}
        region={region?.code}
        exclude={picked.map((p) => p.id)}
        onPick={(m) => setPicked((p) => [...p, { id: m.id, name: m.name }])}
      />
      <button
        type="button"
        className="button"
        disabled={busy || audienceIsEmpty(audience, picked.length)}
        onClick={send}
      >
        {busy ? 'Sending…' : 'Send invitations'}
      </button>
    </section>
  );
}
