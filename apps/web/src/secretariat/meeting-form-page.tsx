import { FormEvent, useState } from 'react';
import { MEETING_KIND_WORDING } from '@seg/rules/meeting-kind-wording';
import { answer, client } from '../api/client';
import { reference, useReference } from '../api/reference';
import type { CreateMeetingDto, MeetingView as Meeting, PostRegion as RegionName } from '../api/openapi.generated';

type MeetingKind = Meeting['kind'];
import { CodeOptions, ErrorMessage, ErrorSummary, Field, fieldErrors, Loading, Page } from '../components/ui';
import { useResource } from '../hooks';
import { DateInput } from '../components/date-input';
import { Link, navigate } from '../router';
import { isoToLondonLocal } from '../time';
import { attendanceTotals } from './attendance-answers';

interface Form {
  title: string;
  kind: MeetingKind;
  agenda: string;
  startsAt: string;
  endsAt: string;
  venue: string;
  onlineUrl: string;
  regionCode: string;
}

const LABELS = {
  title: 'Title',
  kind: 'Kind',
  agenda: 'Agenda',
  startsAt: 'Starts',
  endsAt: 'Ends',
  venue: 'Venue',
  onlineUrl: 'Online link',
  regionCode: 'Region',
};

function formOf(m?: Meeting): Form {
  return {
    title: m?.title ?? '',
    kind: m?.kind ?? 'hub',
    agenda: m?.agenda ?? '',
    startsAt: isoToLondonLocal(m?.startsAt),
    endsAt: isoToLondonLocal(m?.endsAt),
    venue: m?.venue ?? '',
    onlineUrl: m?.onlineUrl ?? '',
    regionCode: m?.region?.code ?? '',
  };
}

/** The changes invitees are emailed about (the API raises the revision for these). */
const NOTIFYING = ['startsAt', 'endsAt', 'venue', 'onlineUrl'];

/** How many an update would email: every invitee who has not declined; null when it cannot be counted. */
async function invitedNotDeclined(meetingId: string): Promise<number | null> {
  try {
    const { totals } = await attendanceTotals(meetingId);
    return totals.invitees - totals.declined;
  } catch {
    return null;
  }
}

/**
 * A new meeting or a change. A representative's form (`region` for a new meeting, `regional`
 * for a change) keeps a regional meeting of their region (the API refuses anything else);
 * `base`: where the meeting's own screen lives.
 */
export function MeetingFormPage({
  id,
  base = '/secretariat/meetings',
  region,
  regional = false,
}: {
  id?: string;
  base?: string;
  region?: RegionName;
  regional?: boolean;
}) {
  const meeting = useResource(
    () => (id ? answer(client.GET('/meetings/{id}', { params: { path: { id } } })) : Promise.resolve(undefined)),
    [id],
  );
  if (id && meeting.loading) return <Loading />;
  if (id && !meeting.data)
    return (
      <Page title="Meeting">
        <ErrorMessage error={meeting.error} retry={meeting.reload} />
      </Page>
    );
  return (
    <MeetingForm
      meeting={meeting.data}
      base={base}
      region={region ?? (regional ? (meeting.data?.region ?? undefined) : undefined)}
    />
  );
}

function bodyOf(form: Form): CreateMeetingDto {
  return {
    title: form.title.trim(),
    kind: form.kind,
    agenda: form.agenda.trim() || null,
    // London wall-clock times as typed: the API reads them by the one UK rule, and refuses
    // a time the clocks skip in March rather than moving it.
    startsAt: form.startsAt,
    endsAt: form.endsAt,
    venue: form.venue.trim() || null,
    onlineUrl: form.onlineUrl.trim() || null,
    regionCode: form.regionCode || null,
  };
}

/** A change that emails the invitees is saved only once the officer agrees, told how many it emails. */
async function mayNotify(meeting: Meeting, changed: Partial<CreateMeetingDto>): Promise<boolean> {
  if (meeting.status !== 'scheduled' || !NOTIFYING.some((k) => k in changed)) return true;
  const told = await invitedNotDeclined(meeting.id);
  const question =
    told === null
      ? 'Save the change and email every invitee who has not declined?'
      : `Save the change and email ${told} ${told === 1 ? 'invitee' : 'invitees'} about it?`;
  return told === 0 || window.confirm(question);
}

interface FieldsProps {
  form: Form;
  set: (patch: Partial<Form>) => void;
  errors: Record<string, string>;
}

function MeetingForm({ meeting, base, region }: { meeting?: Meeting; base: string; region?: RegionName }) {
  const [form, setForm] = useState<Form>(() =>
    region ? { ...formOf(meeting), kind: 'regional', regionCode: region.code } : formOf(meeting),
  );
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const errors = fieldErrors(error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body = bodyOf(form);
    try {
      if (meeting) {
        const before = formOf(meeting);
        const changed: Partial<CreateMeetingDto> = Object.fromEntries(
          Object.entries(body).filter(([k]) => form[k as keyof Form] !== before[k as keyof Form]),
        );
        if (!(await mayNotify(meeting, changed))) {
          setBusy(false);
          return;
        }
        if (Object.keys(changed).length)
          await answer(client.PATCH('/meetings/{id}', { params: { path: { id: meeting.id } }, body: changed }));
        navigate(`${base}/${meeting.id}`);
      } else {
        if (!body.venue) delete body.venue;
        if (!body.onlineUrl) delete body.onlineUrl;
        if (!body.regionCode) delete body.regionCode;
        const created = await answer(client.POST('/meetings', { body }));
        navigate(`${base}/${created.id}`);
      }
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <Page
      title={meeting ? `Change ${meeting.title}` : region ? `New meeting of ${region.name}` : 'New meeting'}
      lead={
        meeting ? 'Invitees hear about a change of time, venue or link by email.' : 'A draft until you invite people.'
      }
    >
      <ErrorSummary error={error} labels={LABELS} />
      <form onSubmit={submit} noValidate>
        <Field name="title" label="Title" error={errors.title}>
          {(p) => <input {...p} value={form.title} onChange={(e) => set({ title: e.target.value })} />}
        </Field>
        <MeetingKindAndRegion region={region} form={form} set={set} errors={errors} />
        <MeetingWhenAndWhere form={form} set={set} errors={errors} />
        <Field name="agenda" label="Agenda" error={errors.agenda}>
          {(p) => <textarea {...p} rows={6} value={form.agenda} onChange={(e) => set({ agenda: e.target.value })} />}
        </Field>
        <div className="button-row">
          <button type="submit" className="button" disabled={busy}>
            {meeting ? 'Save changes' : 'Create draft'}
          </button>
          <Link to={meeting ? `${base}/${meeting.id}` : base} className="button secondary">
            Cancel
          </Link>
        </div>
      </form>
    </Page>
  );
}

/** The meeting's kind and region; a representative's meeting is a regional meeting of their region, said in words. */
function MeetingKindAndRegion({ region, form, set, errors }: FieldsProps & { region?: RegionName }) {
  const regions = useReference(reference.regions);
  if (region)
    return (
      <p>
        A regional meeting of <strong>{region.name}</strong>: you invite its members, and the secretariat can follow it
        too.
      </p>
    );
  return (
    <>
      <Field name="kind" label="Kind" error={errors.kind}>
        {(p) => (
          <select {...p} value={form.kind} onChange={(e) => set({ kind: e.target.value as MeetingKind })}>
            {Object.entries(MEETING_KIND_WORDING).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        name="regionCode"
        label="Region"
        hint="A region's representatives run its meetings with the secretariat"
        error={errors.regionCode}
      >
        {(p) => (
          <select {...p} value={form.regionCode} onChange={(e) => set({ regionCode: e.target.value })}>
            <option value="">No region</option>
            <CodeOptions items={regions} />
          </select>
        )}
      </Field>
    </>
  );
}

/** When the meeting starts and ends, in London time, and where: a venue, an online link or both. */
function MeetingWhenAndWhere({ form, set, errors }: FieldsProps) {
  return (
    <>
      <DateInput
        name="startsAt"
        legend="Starts"
        hint="London time (GMT or BST as the date falls), on the 24-hour clock: for example 14:00"
        error={errors.startsAt}
        value={form.startsAt}
        onChange={(startsAt) => set({ startsAt })}
        withTime
      />
      <DateInput
        name="endsAt"
        legend="Ends"
        hint="London time"
        error={errors.endsAt}
        value={form.endsAt}
        onChange={(endsAt) => set({ endsAt })}
        withTime
      />
      <Field name="venue" label="Venue" hint="Leave empty for an online-only meeting" error={errors.venue}>
        {(p) => <input {...p} value={form.venue} onChange={(e) => set({ venue: e.target.value })} />}
      </Field>
      <Field name="onlineUrl" label="Online link" hint="https://…" error={errors.onlineUrl}>
        {(p) => <input {...p} type="url" value={form.onlineUrl} onChange={(e) => set({ onlineUrl: e.target.value })} />}
      </Field>
    </>
  );
}
