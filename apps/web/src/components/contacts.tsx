import { Fragment } from 'react';
import { reference, useReference } from '../api/reference';
import type { DetailsConfirmation, DirectoryMember, RepView as Rep } from '../api/openapi.generated';
import { Link } from '../router';
import { formatMonth } from '../time';

/** An email address that wraps only after the @ or before a dot, never inside a word. */
export function EmailText({ email }: { email: string }) {
  const parts = email.split(/(?<=@)|(?=\.)/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i ? <wbr /> : null}
          {part}
        </Fragment>
      ))}
    </>
  );
}

/** For a member who shows no contact detail: how to reach them all the same. */
function ThroughTheSecretariat() {
  const about = useReference(reference.about);
  return (
    <p className="muted small">
      Contact through the secretariat
      {about ? (
        <>
          :{' '}
          <a href={`mailto:${about.secretariatEmail}`} className="contact-link">
            <EmailText email={about.secretariatEmail} />
          </a>
        </>
      ) : null}
    </p>
  );
}

/** Click-to-call and click-to-email for whatever contact details the member chose to show. */
export function ContactLinks({ email, phone }: { email?: string | null; phone?: string | null }) {
  if (!email && !phone) return <ThroughTheSecretariat />;
  return (
    <ul className="contact-links">
      {phone ? (
        <li>
          <a href={`tel:${phone.replace(/[^\d+]/g, '')}`} className="contact-link">
            <span aria-hidden="true">☎ </span>
            <span className="visually-hidden">Call </span>
            {phone}
          </a>
        </li>
      ) : null}
      {email ? (
        <li>
          <a href={`mailto:${email}`} className="contact-link">
            <span aria-hidden="true">✉ </span>
            <span className="visually-hidden">Email </span>
            <EmailText email={email} />
          </a>
        </li>
      ) : null}
    </ul>
  );
}

/**
 * When a representative last said their details are right, with a quiet warning once the
 * server counts that as run out (their period is shorter than other members').
 */
export function DetailsConfirmedNote({ confirmation }: { confirmation: DetailsConfirmation | undefined }) {
  if (!confirmation) return null;
  const when = confirmation.confirmedAt
    ? `Details confirmed in ${formatMonth(confirmation.confirmedAt)}`
    : 'Details not confirmed yet';
  return (
    <p className={`small ${confirmation.overdue ? 'details-overdue' : 'muted'}`}>
      {when}
      {confirmation.overdue && confirmation.confirmedAt ? ': they may have changed since' : ''}
    </p>
  );
}

/** Shown to the secretariat (the only viewers told a member's status): listed, but not signed in yet. */
function NotActivated({ member }: { member: DirectoryMember }) {
  return member.status === 'invited' ? <p className="small tag">Not activated yet</p> : null;
}

export function RepCard({ rep }: { rep: Rep }) {
  const m = rep.member;
  return (
    <article className="card rep-card">
      <h3 className="card-title">
        <Link to={`/people/${m.id}`}>{m.name}</Link>
      </h3>
      <p className="role">{rep.role}</p>
      {m.title && m.title !== rep.role ? <p className="muted small">{m.title}</p> : null}
      <NotActivated member={m} />
      <ContactLinks email={m.email} phone={m.phone} />
      {m.availability ? <p className="small">Available: {m.availability}</p> : null}
      <DetailsConfirmedNote confirmation={m.detailsConfirmation} />
    </article>
  );
}

export function RepList({ reps, empty }: { reps: Rep[]; empty: string }) {
  if (!reps.length) return <p className="empty">{empty}</p>;
  return (
    <ul className="card-grid">
      {reps.map((rep) => (
        <li key={rep.postId}>
          <RepCard rep={rep} />
        </li>
      ))}
    </ul>
  );
}

export function MemberSummary({ member }: { member: DirectoryMember }) {
  // The directory answers with the posts held today only.
  const currentPosts = member.posts ?? [];
  return (
    <article className="card member-card">
      <h3 className="card-title">
        <Link to={`/people/${member.id}`}>{member.name}</Link>
      </h3>
      {member.title ? <p className="muted small">{member.title}</p> : null}
      <p className="small">{[member.category?.name, member.region?.name].filter(Boolean).join(' · ')}</p>
      {currentPosts.length ? (
        // Each post once, however the answer lists it.
        <p className="role">
          {[...new Set(currentPosts.map((p) => `${p.role} (${p.hub || !p.region ? 'hub' : p.region.name})`))].join(
            '; ',
          )}
        </p>
      ) : null}
      <NotActivated member={member} />
      <ContactLinks email={member.email} phone={member.phone} />
      {member.availability ? <p className="small">Available: {member.availability}</p> : null}
      {currentPosts.length ? <DetailsConfirmedNote confirmation={member.detailsConfirmation} /> : null}
    </article>
  );
}
