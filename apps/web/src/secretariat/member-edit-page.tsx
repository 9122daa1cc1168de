import { FormEvent, useState } from 'react';
import { answer, asFile, client, download } from '../api/client';
import { reference, useReference } from '../api/reference';
import type * as Api from '../api/openapi.generated';
import type {
  CreateMemberDto,
  EstablishmentRef,
  MemberPost,
  MemberRecord as MyRecord,
  UpdateMemberDto,
} from '../api/openapi.generated';
import { EstablishmentChooser } from '../components/establishment-chooser';
import { EraseMemberForm } from './erase-member';
import { Alert, ErrorMessage, ErrorSummary, Field, fieldErrors, Loading, Page, CodeOptions } from '../components/ui';
import { useResource } from '../hooks';
import { NOTICE_CHOICES } from '../notice-choices';
import { Link, navigate } from '../router';
import { dayInLondon, formatDay, todayInLondon } from '../time';

interface Form {
  email: string;
  name: string;
  title: string;
  category: string;
  region: string;
  registration: string;
  phone: string;
  availability: string;
  bio: string;
  role: MyRecord['role'];
  status: MyRecord['status'];
  establishmentIds: string[];
}

const LABELS: Record<string, string> = {
  email: 'Work email',
  name: 'Name',
  title: 'Title',
  category: 'Category',
  region: 'Region',
  registration: 'Professional registration',
  phone: 'Phone',
  availability: 'Availability',
  bio: 'About',
  role: 'Role',
  status: 'Status',
  establishmentIds: 'Works at',
};

function formOf(m?: MyRecord): Form {
  return {
    email: m?.email ?? '',
    name: m?.name ?? '',
    title: m?.title ?? '',
    category: m?.category?.code ?? '',
    region: m?.region?.code ?? '',
    registration: m?.registration ?? '',
    phone: m?.phone ?? '',
    availability: m?.availability ?? '',
    bio: m?.bio ?? '',
    role: m?.role ?? 'member',
    status: m?.status ?? 'invited',
    establishmentIds: (m?.establishments ?? []).map((e) => e.id),
  };
}

export function MemberEditPage({ id }: { id?: string }) {
  const record = useResource(
    () => (id ? answer(client.GET('/members/{id}', { params: { path: { id } } })) : Promise.resolve(undefined)),
    [id],
  );
  if (id && record.loading && !record.data) return <Loading />;
  if (id && !record.data)
    return (
      <Page title="Member">
        <ErrorMessage error={record.error} retry={record.reload} />
      </Page>
    );
  if (record.data?.erasedAt) return <ErasedRecord record={record.data} erasedAt={record.data.erasedAt} />;
  return <MemberForm key={record.data?.updatedAt} record={record.data} reload={record.reload} />;
}

/** An erased record is history only: nothing to change, suspend or erase again, and no retention clock. */
function ErasedRecord({ record, erasedAt }: { record: MyRecord; erasedAt: string }) {
  const posts = record.posts ?? [];
  return (
    <Page
      title={record.name}
      lead={`Erased on ${formatDay(dayInLondon(erasedAt))}`}
      actions={
        <Link className="button secondary" to={`/secretariat/audit?member=${record.id}`}>
          Audit trail
        </Link>
      }
    >
      <Alert kind="success">
        Erased: nothing that identifies them is kept; this anonymous record holds their posts and replies as history.
      </Alert>
      {record.erasureMentions.length ? (
        <section className="section" aria-labelledby="erased-mentions-heading">
          <h2 id="erased-mentions-heading">Still named in meetings' text</h2>
          <p>Staff wrote their name or email into these meetings: edit each so it names them no more.</p>
          <ul>
            {record.erasureMentions.map((m) => (
              <li key={`${m.meetingId} ${m.field}`}>
                <Link to={`/secretariat/meetings/${m.meetingId}/edit`}>The meeting's {m.field}</Link>: “{m.snippet}”
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {posts.length ? (
        <section className="section" aria-labelledby="erased-posts-heading">
          <h2 id="erased-posts-heading">Posts held</h2>
          <ul>
            {posts.map((p) => (
              <li key={p.id}>
                {p.role}
                {p.region ? `, ${p.region.name}` : ''}: {formatDay(p.startsOn)} to{' '}
                {p.endsOn ? formatDay(p.endsOn) : 'now'}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Page>
  );
}

/** What the form sends: blanks as null, so a cleared field is cleared. */
function bodyOf(form: Form): CreateMemberDto {
  return {
    email: form.email.trim(),
    name: form.name.trim(),
    title: form.title.trim() || null,
    category: form.category,
    region: form.region || null,
    registration: form.registration.trim() || null,
    phone: form.phone.trim() || null,
    availability: form.availability.trim() || null,
    bio: form.bio.trim() || null,
    role: form.role,
    establishmentIds: form.establishmentIds,
  };
}

/** Only what changed, so the audit trail shows exactly what the secretariat did. */
function changesOf(record: MyRecord, form: Form): UpdateMemberDto {
  const before = formOf(record) as unknown as Record<string, unknown>;
  const same = (a: unknown, b: unknown) => JSON.stringify(a || null) === JSON.stringify(b || null);
  return Object.fromEntries(
    Object.entries({ ...bodyOf(form), status: form.status }).filter(([k, v]) => !same(before[k], v)),
  );
}

function MemberForm({ record, reload }: { record?: MyRecord; reload: () => void }) {
  const [form, setForm] = useState<Form>(() => formOf(record));
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [erasing, setErasing] = useState(false);
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const errors = fieldErrors(error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      if (record) {
        const changes = changesOf(record, form);
        if (!Object.keys(changes).length) {
          setNotice('Nothing has changed.');
        } else {
          await answer(client.PATCH('/members/{id}', { params: { path: { id: record.id } }, body: changes }));
          setNotice('Saved.');
          reload();
        }
      } else {
        const created = await answer(client.POST('/members', { body: bodyOf(form) }));
        navigate(`/secretariat/members/${created.id}?created=1`);
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const search = new URLSearchParams(location.search);
  return (
    <Page
      title={record ? record.name : 'Add a member'}
      lead={record ? `${record.email} · ${record.status}` : 'They will get an email with a link to set their password.'}
      actions={
        record ? (
          <MemberActions
            record={record}
            reload={reload}
            erasing={erasing}
            onErase={() => setErasing(true)}
            onError={setError}
            onNotice={setNotice}
          />
        ) : null
      }
    >
      {record ? <MemberNotes record={record} /> : null}
      {search.get('created') ? <Alert kind="success">Member added; the activation email is on its way.</Alert> : null}
      {notice ? <Alert kind="success">{notice}</Alert> : null}
      {record && erasing ? (
        <EraseMemberForm record={record} onCancel={() => setErasing(false)} onErased={reload} />
      ) : null}
      <ErrorSummary error={error} labels={LABELS} />
      <form onSubmit={submit} noValidate>
        <MemberDetailsFields form={form} set={set} errors={errors} />
        <MemberWorkplaces form={form} set={set} errors={errors} record={record} />
        <MemberAccessFields form={form} set={set} errors={errors} record={record} />
        <div className="button-row">
          <button type="submit" className="button" disabled={busy}>
            {record ? 'Save changes' : 'Add member and send invitation'}
          </button>
          <Link to="/secretariat/members" className="button secondary">
            Back to members
          </Link>
        </div>
      </form>
      {record ? <MemberPosts record={record} reload={reload} /> : null}
    </Page>
  );
}

/** The buttons beside the member's name: their data, their access, the audit trail and erasure. */
function MemberActions({
  record,
  reload,
  erasing,
  onErase,
  onError,
  onNotice,
}: {
  record: MyRecord;
  reload: () => void;
  erasing: boolean;
  onErase: () => void;
  onError: (error: unknown) => void;
  onNotice: (notice: string | null) => void;
}) {
  /** Everything held about the member, for a subject access request they made another way. */
  async function downloadData() {
    onError(null);
    try {
      const data = client.GET('/members/{id}/export', {
        params: { path: { id: record.id } },
        ...asFile('application/json'),
      });
      await download(data, `seg-member-data-${record.id}.json`);
    } catch (err) {
      onError(err);
    }
  }

  return (
    <div className="button-row">
      <button type="button" className="button secondary" onClick={downloadData}>
        Download their data
      </button>
      <AccessButtons record={record} reload={reload} onError={onError} onNotice={onNotice} />
      <Link className="button secondary" to={`/secretariat/audit?member=${record.id}`}>
        Audit trail
      </Link>
      <button type="button" className="button danger" aria-expanded={erasing} onClick={onErase}>
        Erase
      </button>
    </div>
  );
}

/** What the member's status allows: a new activation email, signing them out, suspending or restoring them. */
function AccessButtons({
  record,
  reload,
  onError,
  onNotice,
}: {
  record: MyRecord;
  reload: () => void;
  onError: (error: unknown) => void;
  onNotice: (notice: string | null) => void;
}) {
  async function act(action: () => Promise<string>) {
    onError(null);
    onNotice(null);
    try {
      onNotice(await action());
    } catch (err) {
      onError(err);
    }
  }

  async function setStatus(status: MyRecord['status'], question: string) {
    if (!window.confirm(question)) return;
    onError(null);
    try {
      await answer(client.PATCH('/members/{id}', { params: { path: { id: record.id } }, body: { status } }));
      reload();
    } catch (err) {
      onError(err);
    }
  }

  const resendActivation = () =>
    act(async () => {
      const member = { params: { path: { id: record.id } } };
      const { email } = await answer(client.POST('/members/{id}/activation', member));
      return `A new activation email is on its way to ${email}. The link in any earlier one no longer works.`;
    });

  function endSessions() {
    if (!window.confirm(`Sign ${record.name} out everywhere? They can sign in again with their password.`)) return;
    return act(async () => {
      await answer(client.DELETE('/members/{id}/sessions', { params: { path: { id: record.id } } }));
      return `${record.name} is signed out everywhere.`;
    });
  }

  return (
    <>
      {record.status === 'invited' ? (
        <button type="button" className="button secondary" onClick={resendActivation}>
          Send the activation email again
        </button>
      ) : null}
      {record.status === 'active' ? (
        <button type="button" className="button secondary" onClick={endSessions}>
          Sign out everywhere
        </button>
      ) : null}
      <SuspendOrRestore record={record} setStatus={setStatus} />
    </>
  );
}

function SuspendOrRestore({
  record,
  setStatus,
}: {
  record: MyRecord;
  setStatus: (status: MyRecord['status'], question: string) => void;
}) {
  if (record.status === 'suspended')
    return (
      <button
        type="button"
        className="button secondary"
        onClick={() => setStatus('active', `Restore ${record.name}'s access?`)}
      >
        Restore access
      </button>
    );
  return (
    <button
      type="button"
      className="button danger"
      onClick={() =>
        setStatus('suspended', `Suspend ${record.name}? They will be signed out and cannot sign in until restored.`)
      }
    >
      Suspend
    </button>
  );
}

/** What the secretariat should know before changing the record: a bouncing address, emails turned off, a leaver. */
function MemberNotes({ record }: { record: MyRecord }) {
  const about = useReference(reference.about);
  return (
    <>
      {record.emailStatus === 'bouncing' ? (
        <Alert kind="info" title="Their email address bounces">
          <p>
            Meeting notices are not sent to {record.email} until the address changes
            {record.emailBounce?.reason ? `. Their mail server said: ${record.emailBounce.reason}` : ''}.
          </p>
        </Alert>
      ) : null}
      <TurnedOffNote preferences={record.noticePreferences} />
      {record.status === 'left' && record.leftAt ? (
        <Alert kind="info" title="This member has left">
          <p>
            They left on {formatDay(dayInLondon(record.leftAt))}.
            {about
              ? ` Their record is erased ${about.retention.leftMonths} months after that, by the nightly retention run.`
              : ''}
          </p>
        </Alert>
      ) : null}
    </>
  );
}

interface FieldsProps {
  form: Form;
  set: (patch: Partial<Form>) => void;
  errors: Record<string, string>;
}

/** Who the member is and how to reach them. */
function MemberDetailsFields({ form, set, errors }: FieldsProps) {
  const regions = useReference(reference.regions);
  const categories = useReference(reference.categories);
  return (
    <>
      <Field name="email" label="Work email" hint="Also their sign-in" error={errors.email}>
        {(p) => <input {...p} type="email" value={form.email} onChange={(e) => set({ email: e.target.value })} />}
      </Field>
      <Field name="name" label="Name" error={errors.name}>
        {(p) => <input {...p} value={form.name} onChange={(e) => set({ name: e.target.value })} />}
      </Field>
      <Field name="title" label="Title" error={errors.title}>
        {(p) => <input {...p} value={form.title} onChange={(e) => set({ title: e.target.value })} />}
      </Field>
      <Field name="category" label="Category" error={errors.category}>
        {(p) => (
          <select {...p} value={form.category} onChange={(e) => set({ category: e.target.value })}>
            <option value="">Choose a category</option>
            <CodeOptions items={categories} />
          </select>
        )}
      </Field>
      <Field name="region" label="Region" error={errors.region}>
        {(p) => (
          <select {...p} value={form.region} onChange={(e) => set({ region: e.target.value })}>
            <option value="">No region</option>
            <CodeOptions items={regions} />
          </select>
        )}
      </Field>
      <Field
        name="registration"
        label="Professional registration"
        hint="GMC, NMC or other number (optional)"
        error={errors.registration}
      >
        {(p) => <input {...p} value={form.registration} onChange={(e) => set({ registration: e.target.value })} />}
      </Field>
      <Field name="phone" label="Phone" error={errors.phone}>
        {(p) => <input {...p} type="tel" value={form.phone} onChange={(e) => set({ phone: e.target.value })} />}
      </Field>
      <Field name="availability" label="Availability" error={errors.availability}>
        {(p) => <input {...p} value={form.availability} onChange={(e) => set({ availability: e.target.value })} />}
      </Field>
      <Field name="bio" label="About" error={errors.bio}>
        {(p) => <textarea {...p} rows={3} value={form.bio} onChange={(e) => set({ bio: e.target.value })} />}
      </Field>
    </>
  );
}

/** The establishments the member works at; a chosen one missing from the list still shows by its record. */
function MemberWorkplaces({ form, set, errors, record }: FieldsProps & { record?: MyRecord }) {
  const establishments = useReference(reference.establishments);
  return (
    <EstablishmentChooser
      legend="Works at"
      all={establishments ?? []}
      chosen={form.establishmentIds
        .map((id) => establishments?.find((e) => e.id === id) ?? record?.establishments?.find((e) => e.id === id))
        .filter((e): e is EstablishmentRef => Boolean(e))}
      error={errors.establishmentIds}
      onChange={(establishmentIds) => set({ establishmentIds })}
    />
  );
}

/** The member's role, and for an existing record their status. */
function MemberAccessFields({ form, set, errors, record }: FieldsProps & { record?: MyRecord }) {
  return (
    <>
      <Field name="role" label="Role" hint="Secretariat and admin can manage everything" error={errors.role}>
        {(p) => (
          <select {...p} value={form.role} onChange={(e) => set({ role: e.target.value as Form['role'] })}>
            <option value="member">Member</option>
            <option value="secretariat">Secretariat</option>
            <option value="admin">Admin</option>
          </select>
        )}
      </Field>
      {record ? (
        <Field name="status" label="Status" error={errors.status}>
          {(p) => (
            <select {...p} value={form.status} onChange={(e) => set({ status: e.target.value as Form['status'] })}>
              <option value="invited">Invited</option>
              <option value="active">Active</option>
              <option value="suspended">Suspended</option>
              <option value="left">Left</option>
            </select>
          )}
        </Field>
      ) : null}
    </>
  );
}

function MemberPosts({ record, reload }: { record: MyRecord; reload: () => void }) {
  const [error, setError] = useState<unknown>(null);
  async function end(post: MemberPost) {
    if (!window.confirm(`End the post "${post.role}" today?`)) return;
    try {
      await answer(
        client.PATCH('/posts/{id}', { params: { path: { id: post.id } }, body: { endsOn: todayInLondon() } }),
      );
      reload();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <section className="section" aria-labelledby="posts-heading">
      <h2 id="posts-heading">Representative posts</h2>
      <ErrorMessage error={error} />
      {record.posts.length ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Role</th>
                <th scope="col">For</th>
                <th scope="col">From</th>
                <th scope="col">Until</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {record.posts.map((p) => {
                const current = p.current;
                return (
                  <tr key={p.id}>
                    <td>{p.role}</td>
                    <td>{p.hub || !p.region ? 'The hub' : p.region.name}</td>
                    <td>{formatDay(p.startsOn)}</td>
                    <td>{p.endsOn ? formatDay(p.endsOn) : '—'}</td>
                    <td>
                      {current ? (
                        <button type="button" className="button secondary small" onClick={() => end(p)}>
                          End post<span className="visually-hidden"> {p.role}</span>
                        </button>
                      ) : (
                        'Ended'
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty">No posts.</p>
      )}
      <Link to={`/secretariat/posts?memberId=${record.id}`}>Assign a post to {record.name}</Link>
    </section>
  );
}

/** The kinds of meeting email the member turned off: those notices are not sent to them. */
function TurnedOffNote({ preferences }: { preferences: Api.NoticePreferences }) {
  const off = NOTICE_CHOICES.filter((c) => !preferences[c.field]);
  if (!off.length) return null;
  return (
    <Alert kind="info" title="Meeting emails they turned off">
      <p data-testid="notices-off">
        {off.map((c) => c.label).join(', ')}: those notices are not sent to them (the meeting&rsquo;s delivery shows
        them as not sent). Only the member can turn them back on, in My details.
      </p>
    </Alert>
  );
}
