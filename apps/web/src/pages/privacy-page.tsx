import { reference, useReference } from '../api/reference';
import { Link } from '../router';
import { Loading, Page } from '../components/ui';

/** What SEG Network holds, who sees it, how long it is kept and how to ask for a copy or erasure; the periods come from the configuration. */
export function PrivacyPage() {
  const about = useReference(reference.about);
  if (!about) return <Loading />;
  const { leftMonths, noticeMonths, attendanceYears, detailsConfirmMonths, backupKeepDays } = about.retention;
  const secretariat = <a href={`mailto:${about.secretariatEmail}`}>{about.secretariatEmail}</a>;
  return (
    <Page title="Privacy" lead="How SEG Network handles what it holds about you.">
      <section className="section">
        <h2>What we hold</h2>
        <p>
          Your name, title, work email, phone, a short bio and availability; your membership category, region, the
          establishments where you work and any professional registration; the representative posts you hold or held;
          the meetings you are invited to and your replies; the meetings you attended, with their certificates; your own
          learning record (entries and reflective notes, which only you can read); the emails we send you with their
          delivery state; which kinds of meeting email you turned off (the secretariat sees this, so they know who will
          not hear of a meeting by email); your sign-ins (device and dates); and a history of changes to your record
          (who changed what, and when).
        </p>
      </section>
      <section className="section">
        <h2>Who sees what</h2>
        <p>
          The secretariat sees everything. Other members see you in the directory only if you choose to be listed, and
          your email and phone only as you choose. A current representative is listed, with their work email, while the
          post is current, because that is what the post is for; patient and service-user representatives always choose
          for themselves, and start unlisted. The representatives of your region see your record to organise the region.
        </p>
        <p>
          A member who cannot see your email can send you a message through SEG Network, unless you turn that off in My
          details. It reaches you from the group’s address with theirs to reply to: they learn your address only if you
          answer. The group keeps who wrote to whom and when, and any report you make of it; the subject and text are
          held only until the email leaves (they are removed from the outgoing mail record as it is sent, or fails for
          good), and are never shown to anyone, the secretariat included.
        </p>
      </section>
      <section className="section">
        <h2>How long we keep it</h2>
        <ul>
          <li>We ask you to confirm your details every {detailsConfirmMonths} months.</li>
          <li>When you leave, your record is erased {leftMonths} months later, as described below.</li>
          <li>
            The text and recipient address of emails we sent are removed after {noticeMonths} months; we keep only that
            an email was sent, when, and whether it arrived.
          </li>
          <li>
            Attendance of a meeting, with its certificate and your reflective notes on it, is kept for {attendanceYears}{' '}
            years after the meeting, as the bodies that approve CPD ask, then deleted.
          </li>
          <li>
            Sign-ins are deleted once they expire, and one-time links (to activate your account, reset your password or
            change your email) once used or expired.
          </li>
        </ul>
        <p>
          These periods are applied automatically every night, and the secretariat can see what each night's run
          removed.
        </p>
        <p>
          A copy of the whole database is taken every night and kept for {backupKeepDays} days, to restore the service
          after a failure. What is erased or removed can therefore survive in those copies for up to {backupKeepDays}{' '}
          days; they are read only to restore the service.
        </p>
      </section>
      <section className="section">
        <h2>A copy, or erasure</h2>
        <p>
          You can download everything we hold about you, or ask to be erased, from{' '}
          <Link to="/my/details">My details</Link>. The secretariat answers an erasure request within a month. Erasure
          replaces you with an anonymous record ("Former member 1234"): your posts stay as the network's history under
          that record, your meeting replies stay only as counts, and the history of changes keeps who did what and when
          without your details. You can also write to the secretariat at {secretariat}.
        </p>
      </section>
    </Page>
  );
}
