import { ReactNode, useEffect, useState } from 'react';
import { answer, client, messageOf } from '../api/client';
import type * as Api from '../api/openapi.generated';
import { reference, useReference } from '../api/reference';
import { useDebounced, useResource } from '../hooks';
import { deliveryEstimateText } from './delivery-wording';

/** Who an invitation goes to, as `POST /meetings/:id/invitations` takes it. */
export type Audience = Api.AudienceDto;

/** What `POST /meetings/:id/invitations` would do with this audience, counted by the API with the invitation's own query. */
export type InvitePreview = Api.InvitePreview;

/** What the invitation would do, counted by the API. */
export function invitationPreview(meetingId: string, body: { audience: Audience }): Promise<InvitePreview> {
  return answer(client.POST('/meetings/{id}/invitations/preview', { params: { path: { id: meetingId } }, body }));
}

/** The invitation's body: the ticked parts and the hand-picked members. */
export function audienceBody(value: Audience, picked: { id: string }[]): { audience: Audience } {
  return { audience: { ...value, ...(picked.length ? { memberIds: picked.map((p) => p.id) } : {}) } };
}

/**
 * How many current members one part of an audience holds, counted by the invitation's own rule (the
 * API's preview), so a part's size and the total count the same people: staff accounts are no
 * audience's members.
 */
async function sizeOf(meetingId: string, part: Audience): Promise<number> {
  const p = await invitationPreview(meetingId, { audience: part });
  return p.wouldInvite + p.alreadyInvited;
}

/**
 * Everyone, the reps, regions, categories and hand-picked members: the union of what is ticked.
 * Each part shows its size from the directory; the total is the API's exact preview of the
 * invitation, counting each member once and leaving out those already invited or no longer members.
 */
export function AudiencePicker({
  meetingId,
  region,
  sends,
  value,
  onChange,
  picked,
  onPickedChange,
}: {
  meetingId: string;
  /** A representative's picker: the meeting's region as a whole, or its members by category. */
  region?: { code: string; name: string } | null;
  /** Invitation calls made so far: after each, the preview counts again, even for the same selection. */
  sends: number;
  value: Audience;
  onChange: (a: Audience) => void;
  picked: { id: string; name: string }[];
  onPickedChange: (p: { id: string; name: string }[]) => void;
}) {
  const regions = useReference(reference.regions);
  const categories = useReference(reference.categories);
  const n = usePartSizes(meetingId, region, regions, categories);

  if (region === null) return <p>This meeting belongs to no region: only the secretariat invites to it.</p>;
  return (
    <>
      {region ? null : <EveryoneOrReps value={value} onChange={onChange} n={n} />}
      <PartChecklist
        legend={region ? 'Your region' : 'Members of these regions'}
        kind="region"
        items={region ? [region] : regions}
        chosen={value.regions}
        onChange={(regions) => onChange({ ...value, regions })}
        n={n}
      />
      <PartChecklist
        legend={region ? `Members of ${region.name} in these categories` : 'Members of these categories'}
        kind="category"
        items={categories}
        chosen={value.categories}
        onChange={(categories) => onChange({ ...value, categories })}
        n={n}
      />
      {picked.length ? <PickedMembers picked={picked} onChange={onPickedChange} /> : null}
      <AudienceTotal
        meetingId={meetingId}
        sends={sends}
        body={audienceIsEmpty(value, picked.length) ? null : JSON.stringify(audienceBody(value, picked))}
      />
    </>
  );
}

/** Each part's size, as ` (n)` after its label, or nothing until it is counted. */
function usePartSizes(
  meetingId: string,
  region: { code: string } | null | undefined,
  regions: { code: string }[] | undefined,
  categories: { code: string }[] | undefined,
): (key: string) => string {
  const [counts, setCounts] = useState<Record<string, number>>({});

  useEffect(() => {
    let live = true;
    // A representative's parts are counted inside their region, as the invitation narrows them.
    const parts: [string, Audience][] = region
      ? [
          [`region:${region.code}`, { regions: [region.code] }],
          ...(categories ?? []).map((c) => [`category:${c.code}`, { categories: [c.code] }] as [string, Audience]),
        ]
      : [
          ['all', { all: true }],
          ['reps', { reps: true }],
          ...(regions ?? []).map((r) => [`region:${r.code}`, { regions: [r.code] }] as [string, Audience]),
          ...(categories ?? []).map((c) => [`category:${c.code}`, { categories: [c.code] }] as [string, Audience]),
        ];
    Promise.all(
      parts.map(([key, q]) =>
        sizeOf(meetingId, q).then(
          (n) => [key, n] as const,
          () => [key, NaN] as const,
        ),
      ),
    ).then((entries) => live && setCounts(Object.fromEntries(entries)));
    return () => {
      live = false;
    };
  }, [meetingId, regions, categories, region?.code]);

  return (key: string) => (Number.isFinite(counts[key]) ? ` (${counts[key]})` : '');
}

function EveryoneOrReps({
  value,
  onChange,
  n,
}: {
  value: Audience;
  onChange: (a: Audience) => void;
  n: (key: string) => string;
}) {
  return (
    <fieldset className="fieldset">
      <legend>Everyone or all representatives</legend>
      <div className="checkbox">
        <input
          id="aud-all"
          type="checkbox"
          checked={Boolean(value.all)}
          onChange={(e) => onChange({ ...value, all: e.target.checked ? true : undefined })}
        />
        <label htmlFor="aud-all">Every member{n('all')}</label>
      </div>
      <div className="checkbox">
        <input
          id="aud-reps"
          type="checkbox"
          checked={Boolean(value.reps)}
          onChange={(e) => onChange({ ...value, reps: e.target.checked ? true : undefined })}
        />
        <label htmlFor="aud-reps">Every current representative{n('reps')}</label>
      </div>
    </fieldset>
  );
}

/** A box for each region or category, with its size; `chosen` is undefined when none is ticked. */
function PartChecklist({
  legend,
  kind,
  items,
  chosen,
  onChange,
  n,
}: {
  legend: string;
  kind: 'region' | 'category';
  items: { code: string; name: string }[] | undefined;
  chosen: string[] | undefined;
  onChange: (chosen: string[] | undefined) => void;
  n: (key: string) => string;
}) {
  const toggle = (code: string, on: boolean) => {
    const next = new Set(chosen ?? []);
    if (on) next.add(code);
    else next.delete(code);
    return next.size ? [...next] : undefined;
  };
  return (
    <fieldset className="fieldset">
      <legend>{legend}</legend>
      <div className="check-grid">
        {items?.map((item) => (
          <div className="checkbox" key={item.code}>
            <input
              id={`aud-${kind}-${item.code}`}
              type="checkbox"
              checked={chosen?.includes(item.code) ?? false}
              onChange={(e) => onChange(toggle(item.code, e.target.checked))}
            />
            <label htmlFor={`aud-${kind}-${item.code}`}>
              {item.name}
              {n(`${kind}:${item.code}`)}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

function PickedMembers({
  picked,
  onChange,
}: {
  picked: { id: string; name: string }[];
  onChange: (p: { id: string; name: string }[]) => void;
}) {
  return (
    <ul className="chips" aria-label="Hand-picked members">
      {picked.map((m) => (
        <li key={m.id}>
          {m.name}{' '}
          <button type="button" className="chip-remove" onClick={() => onChange(picked.filter((x) => x.id !== m.id))}>
            Remove<span className="visually-hidden"> {m.name}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The exact preview, asked for once the selection has stopped changing for a moment. */
function AudienceTotal({ meetingId, sends, body }: { meetingId: string; sends: number; body: string | null }) {
  const settled = useDebounced(body, 300);
  const preview = useResource<InvitePreview | null>(
    () => (settled ? invitationPreview(meetingId, JSON.parse(settled)) : Promise.resolve(null)),
    [meetingId, settled, sends],
  );
  const counting = body !== settled || preview.loading;
  const p = preview.data;
  let text: ReactNode;
  if (!body) text = 'Nobody is chosen yet.';
  else if (counting) text = 'Counting…';
  else if (preview.error || !p) text = `Could not count the audience: ${messageOf(preview.error)}`;
  else {
    const { suspended, left } = p.skipped;
    const skipped = [suspended && `${suspended} suspended`, left && `${left} who left the group`].filter(Boolean);
    text = (
      <>
        <strong>{p.wouldInvite}</strong> {p.wouldInvite === 1 ? 'member' : 'members'} will be invited.
        {p.alreadyInvited
          ? ` ${p.alreadyInvited} already invited ${p.alreadyInvited === 1 ? 'is' : 'are'} not invited twice.`
          : ''}
        {skipped.length ? ` Left out because they are no longer members: ${skipped.join(', ')}.` : ''}
        {p.wouldInvite ? ` ${deliveryEstimateText(p.delivery)}` : ''}
      </>
    );
  }
  // Busy while counting, so a screen reader announces the number, not "Counting".
  return (
    <p className="audience-total" aria-live="polite" aria-busy={counting && Boolean(body)}>
      {text}
    </p>
  );
}

export function audienceIsEmpty(a: Audience, picked: number): boolean {
  return !a.all && !a.reps && !a.regions?.length && !a.categories?.length && picked === 0;
}
