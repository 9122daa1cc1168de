import { FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { answer, client } from '../api/client';
import { reference, useReference } from '../api/reference';
import type {
  ContactVisibility,
  DetailsConfirmation,
  EstablishmentRef,
  MemberRecord as MyRecord,
} from '../api/openapi.generated';

type Visibility = ContactVisibility['email'];
import { formatMonth } from '../time';
import { ContactLinks } from '../components/contacts';
import { EstablishmentChooser } from '../components/establishment-chooser';
import { ErrorMessage, ErrorSummary, Field, fieldErrors, Loading, Page } from '../components/ui';
import { useResource } from '../hooks';
import { MyMessagesChoice } from '../messages/my-messages-choice';
import { MyCalendarFeed } from './my-calendar-feed';
import { MyData } from './my-data';
import { MyMeetingEmails } from './my-meeting-emails';
import { MySignIn } from './my-sign-in';

interface Form {
  name: string;
  title: string;
  registration: string;
  phone: string;
  bio: string;
  availability: string;
  establishmentIds: string[];
  contactVisibility: { email: Visibility; phone: Visibility };
  listed: boolean;
}

const LABELS: Record<string, string> = {
  name: 'Name',
  title: 'Job title',
  registration: 'Professional registration',
  phone: 'Phone',
  bio: 'About you',
  availability: 'Availability',
  establishmentIds: 'Where you work',
  'contactVisibility.email': 'Who sees your email',
  'contactVisibility.phone': 'Who sees your phone',
  listed: 'Listed in the directory',
};

function formOf(me: MyRecord): Form {
  return {
    name: me.name ?? '',
    title: me.title ?? '',
    registration: me.registration ?? '',
    phone: me.phone ?? '',
    bio: me.bio ?? '',
    availability: me.availability ?? '',
    establishmentIds: (me.establishments ?? []).map((e) => e.id),
    contactVisibility: {
      email: me.contactVisibility?.email ?? 'members',
      phone: me.contactVisibility?.phone ?? 'members',
    },
    listed: me.listed,
  };
}

/** What a member may change about themselves, and a preview of what other members see. */
export function MyDetailsPage() {
  const me = useResource(() => answer(client.GET('/me')), []);
  if (me.loading && !me.data) return <Loading />;
  if (!me.data)
    return (
      <Page title="My details">
        <ErrorMessage error={me.error} retry={me.reload} />
      </Page>
    );
  return <DetailsForm me={me.data} />;
}

function bodyOf(form: Form) {
  return {
    name: form.name.trim(),
    title: form.title.trim() || null,
    registration: form.registration.trim() || null,
    phone: form.phone.trim() || null,
    bio: form.bio.trim() || null,
    availability: form.availability.trim() || null,
    establishmentIds: form.establishmentIds,
    contactVisibility: form.contactVisibility,
    listed: form.listed,
  };
}

interface FieldsProps {
  form: Form;
  set: (patch: Partial<Form>) => void;
  errors: Record<string, string>;
}

function DetailsForm({ me }: { me: MyRecord }) {
  const [form, setForm] = useState<Form>(() => formOf(me));
  const [saved, setSaved] = useState<MyRecord>(me);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const establishments = useReference(reference.establishments);
  const chosen = useChosen(form.establishmentIds, establishments, saved);

  const set = (patch: Partial<Form>) => {
    setDone(false);
    setForm((f) => ({ ...f, ...patch }));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const record = await answer(client.PATCH('/me', { body: bodyOf(form) }));
      setSaved(record);
      setForm(formOf(record));
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      setSaved(await answer(client.POST('/me/confirm')));
      setDone(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const errors = fieldErrors(error);

  return (
    <Page title="My details" lead="Keep these current: colleagues use them to reach you.">
      <div className="two-col">
        <div>
          <ConfirmedLine confirmation={saved.detailsConfirmation} busy={busy} onConfirm={confirm} />
          <ErrorSummary error={error} labels={LABELS} />
          <form onSubmit={submit} noValidate>
            <AboutYouFields form={form} set={set} errors={errors} />

            <EstablishmentChooser
              legend="Where you work"
              all={establishments ?? []}
              chosen={chosen}
              error={errors.establishmentIds}
              onChange={(establishmentIds) => set({ establishmentIds })}
            />

            <WhoSeesYou form={form} set={set} errors={errors} seen={saved.seenByMembers} />
            <div className="button-row">
              <button type="submit" className="button" disabled={busy}>
                {busy ? 'Saving…' : 'Save my details'}
              </button>
              {done ? <SavedNote /> : null}
            </div>
          </form>
          <SetBySecretariat saved={saved} />
        </div>
        <WhatMembersSee form={form} saved={saved} chosen={chosen} />
        {/* After the preview, so on a phone a member sees what others see before the sign-in settings. */}
        <MySettings me={me} />
      </div>
    </Page>
  );
}

/** The chosen workplaces, from the full list once it has loaded, else from the saved record. */
function useChosen(ids: string[], all: EstablishmentRef[] | undefined, saved: MyRecord): EstablishmentRef[] {
  const byId = useMemo(() => new Map((all ?? []).map((e) => [e.id, e])), [all]);
  return ids
    .map((id) => byId.get(id) ?? saved.establishments?.find((e) => e.id === id))
    .filter((e): e is EstablishmentRef => Boolean(e));
}

/** The member's other settings: meeting emails, messages, calendar feed, sign-in and their data. */
function MySettings({ me }: { me: MyRecord }) {
  return (
    <div>
      <MyMeetingEmails />
      <MyMessagesChoice me={me} />
      <MyCalendarFeed />
      <MySignIn />
      <MyData />
    </div>
  );
}

/** Name, job title, registration, phone, availability and a few words about the member. */
function AboutYouFields({ form, set, errors }: FieldsProps) {
  return (
    <>
      <Field name="name" label="Name" error={errors.name}>
        {(p) => <input {...p} autoComplete="name" value={form.name} onChange={(e) => set({ name: e.target.value })} />}
      </Field>
      <Field name="title" label="Job title" hint="For example: Lead GP, HMP Leeds" error={errors.title}>
        {(p) => (
          <input
            {...p}
            autoComplete="organization-title"
            value={form.title}
            onChange={(e) => set({ title: e.target.value })}
          />
        )}
      </Field>
      <Field
        name="registration"
        label="Professional registration (optional)"
        hint="For example GMC 1234567, NMC 12A3456E or HCPC PA12345: printed on your certificates of attendance. Only you and the secretariat see it; it is never in the directory."
        error={errors.registration}
      >
        {(p) => <input {...p} value={form.registration} onChange={(e) => set({ registration: e.target.value })} />}
      </Field>
      <Field name="phone" label="Phone" hint="A number colleagues can call during the working day" error={errors.phone}>
        {(p) => (
          <input
            {...p}
            type="tel"
            autoComplete="tel"
            value={form.phone}
            onChange={(e) => set({ phone: e.target.value })}
          />
        )}
      </Field>
      <Field
        name="availability"
        label="Availability"
        hint="For example: Tuesdays and Thursdays, 9am to 5pm"
        error={errors.availability}
      >
        {(p) => <input {...p} value={form.availability} onChange={(e) => set({ availability: e.target.value })} />}
      </Field>
      <Field name="bio" label="About you" error={errors.bio}>
        {(p) => <textarea {...p} rows={4} value={form.bio} onChange={(e) => set({ bio: e.target.value })} />}
      </Field>
    </>
  );
}

/** Who sees the member's email and phone, and whether they are listed in the directory at all. */
function WhoSeesYou({ form, set, errors, seen }: FieldsProps & { seen: MyRecord['seenByMembers'] }) {
  return (
    <>
      <VisibilityChoice
        name="contactVisibility.email"
        legend="Who sees your email"
        value={form.contactVisibility.email}
        error={errors['contactVisibility.email'] ?? errors.contactVisibility}
        onChange={(v) => set({ contactVisibility: { ...form.contactVisibility, email: v } })}
        note={
          seen.emailAlwaysShown
            ? 'While you hold a representative post, members always see your work email.'
            : undefined
        }
      />
      <VisibilityChoice
        name="contactVisibility.phone"
        legend="Who sees your phone"
        value={form.contactVisibility.phone}
        error={errors['contactVisibility.phone']}
        onChange={(v) => set({ contactVisibility: { ...form.contactVisibility, phone: v } })}
      />
      <fieldset className={`fieldset${errors.listed ? ' field-error' : ''}`} id="field-listed" tabIndex={-1}>
        <legend>Listed in the directory</legend>
        {errors.listed ? <p className="error-text">{errors.listed}</p> : null}
        {seen.listedWhateverChosen ? (
          <p className="hint">
            While you hold a representative post, members find you in the directory whatever you choose.
          </p>
        ) : null}
        <div className="checkbox">
          <input
            id="field-listed-input"
            type="checkbox"
            checked={form.listed}
            onChange={(e) => set({ listed: e.target.checked })}
          />
          <label htmlFor="field-listed-input">
            Other members can find me in the directory, contacts and the network
          </label>
        </div>
      </fieldset>
    </>
  );
}

/** What only the secretariat changes: the sign-in email, category, region and posts. */
function SetBySecretariat({ saved }: { saved: MyRecord }) {
  const currentPosts = (saved.posts ?? []).filter((p) => p.current);
  return (
    <section className="section" aria-labelledby="fixed-heading">
      <h2 id="fixed-heading">Set by the secretariat</h2>
      <p className="muted">To change these, contact the secretariat.</p>
      <dl className="facts">
        <div>
          <dt>Work email (sign-in)</dt>
          <dd>{saved.email}</dd>
        </div>
        <div>
          <dt>Category</dt>
          <dd>{saved.category?.name ?? 'Not set'}</dd>
        </div>
        <div>
          <dt>Region</dt>
          <dd>{saved.region?.name ?? 'Not set'}</dd>
        </div>
        <div>
          <dt>Posts</dt>
          <dd>
            {currentPosts.length
              ? currentPosts.map((p) => `${p.role}, ${p.hub || !p.region ? 'the hub' : p.region.name}`).join('; ')
              : 'None'}
          </dd>
        </div>
      </dl>
    </section>
  );
}

/** The member's card as other members see it, with a word when a choice is not saved yet. */
function WhatMembersSee({ form, saved, chosen }: { form: Form; saved: MyRecord; chosen: EstablishmentRef[] }) {
  // Whom each contact reaches is the API's answer for the saved choices (seenByMembers), not worked out here.
  const seen = saved.seenByMembers;
  const choiceUnsaved =
    form.contactVisibility.email !== saved.contactVisibility.email ||
    form.contactVisibility.phone !== saved.contactVisibility.phone;
  return (
    <aside aria-labelledby="preview-heading" className="preview">
      <h2 id="preview-heading">What other members see</h2>
      {seen.listed ? null : (
        <p className="small" data-testid="unlisted-note">
          You are not listed: other members do not find you in the directory, contacts or the network. If you were, they
          would see:
        </p>
      )}
      {form.listed !== saved.listed ? <p className="muted small">Save to apply your listing choice.</p> : null}
      {choiceUnsaved ? <p className="muted small">Save to apply your choice of who sees your contacts.</p> : null}
      <div className="card">
        <p className="card-title">{form.name || 'Your name'}</p>
        {form.title ? <p className="muted small">{form.title}</p> : null}
        <p className="small">{[saved.category?.name, saved.region?.name].filter(Boolean).join(' · ')}</p>
        {chosen.length ? <p className="small">Works at {chosen.map((e) => e.name).join(', ')}</p> : null}
        <ContactLinks
          email={seen.emailShownTo === 'members' ? saved.email : null}
          phone={seen.phoneShownTo === 'members' ? form.phone || null : null}
        />
        {form.availability ? <p className="small">Available: {form.availability}</p> : null}
      </div>
      <p className="muted small">The secretariat always sees all your details.</p>
    </aside>
  );
}

function VisibilityChoice(props: {
  name: string;
  legend: string;
  value: Visibility;
  error?: string;
  note?: string;
  onChange: (v: Visibility) => void;
}) {
  const id = `field-${props.name}`;
  return (
    <fieldset className={`fieldset${props.error ? ' field-error' : ''}`} id={id} tabIndex={-1}>
      <legend>{props.legend}</legend>
      {props.error ? <p className="error-text">{props.error}</p> : null}
      {props.note ? <p className="hint">{props.note}</p> : null}
      <div className="radio">
        <input
          type="radio"
          id={`${id}-members`}
          name={props.name}
          checked={props.value === 'members'}
          onChange={() => props.onChange('members')}
        />
        <label htmlFor={`${id}-members`}>All members</label>
      </div>
      <div className="radio">
        <input
          type="radio"
          id={`${id}-secretariat`}
          name={props.name}
          checked={props.value === 'secretariat'}
          onChange={() => props.onChange('secretariat')}
        />
        <label htmlFor={`${id}-secretariat`}>Only the secretariat</label>
      </div>
    </fieldset>
  );
}

/** When the member last said their details are right; saving them, or the button, says so again. */
function ConfirmedLine({
  confirmation,
  busy,
  onConfirm,
}: {
  confirmation: DetailsConfirmation | undefined;
  busy: boolean;
  onConfirm: () => void;
}) {
  if (!confirmation) return null;
  return (
    <div className="section" aria-live="polite">
      <p className={confirmation.overdue ? 'details-overdue' : 'muted'}>
        {confirmation.confirmedAt
          ? `Details confirmed in ${formatMonth(confirmation.confirmedAt)}.`
          : 'You have not confirmed your details yet.'}
        {confirmation.overdue ? ' Please check them and confirm they are still right.' : ''}
      </p>
      <button type="button" className="button secondary" onClick={onConfirm} disabled={busy}>
        My details are still right
      </button>
    </div>
  );
}

/** Said beside the button just pressed, where the person is looking, and given focus for screen readers. */
function SavedNote() {
  const note = useRef<HTMLParagraphElement>(null);
  useEffect(() => note.current?.focus(), []);
  return (
    <p className="saved-note" role="status" tabIndex={-1} ref={note}>
      Your details are saved.
    </p>
  );
}
