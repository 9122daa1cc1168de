import { answer, client } from '../api/client';
import type { DirectoryMember } from '../api/openapi.generated';
import { ContactCardDownload } from '../components/contact-card-download';
import { ContactLinks } from '../components/contacts';
import { SendMessage } from '../messages/send-message';
import { useSession } from '../session';
import { ErrorMessage, Loading, Page } from '../components/ui';
import { useResource } from '../hooks';
import { Link } from '../router';
import { formatDay } from '../time';

/** A member's card, with only the contact details they chose to show. */
export function PersonPage({ id }: { id: string }) {
  const member = useResource(() => answer(client.GET('/directory/members/{id}', { params: { path: { id } } })), [id]);
  if (member.loading && !member.data) return <Loading />;
  if (!member.data)
    return (
      <Page title="Member">
        <ErrorMessage error={member.error} retry={member.reload} />
        <p>
          <Link to="/directory">Back to the directory</Link>
        </p>
      </Page>
    );
  return <MemberCard member={member.data} />;
}

export function MemberCard({ member, title }: { member: DirectoryMember; title?: string }) {
  const { user } = useSession();
  return (
    <Page title={title ?? member.name} lead={member.title ?? undefined}>
      <div className="profile">
        <MemberFacts member={member} />
        {member.bio ? (
          <section aria-labelledby="bio-heading">
            <h2 id="bio-heading">About</h2>
            <p className="bio">{member.bio}</p>
          </section>
        ) : null}
      </div>
      {!member.email && user && user.id !== member.id ? <SendMessage memberId={member.id} name={member.name} /> : null}
      <ContactCardDownload member={member.id} file={member.name} label="Save to my contacts" />
      <p>
        <Link to="/directory">Back to the directory</Link>
      </p>
    </Page>
  );
}

/** Category, region, workplaces, posts now and before, availability and the contact details the member shows. */
function MemberFacts({ member }: { member: DirectoryMember }) {
  // The directory answers with the posts held today; those that ended are pastPosts.
  const current = member.posts ?? [];
  return (
    <dl className="facts">
      <div>
        <dt>Category</dt>
        <dd>{member.category?.name ?? 'Not given'}</dd>
      </div>
      <div>
        <dt>Region</dt>
        <dd>
          {member.region ? (
            <Link to={`/regions/${encodeURIComponent(member.region.code)}`}>{member.region.name}</Link>
          ) : (
            'Not given'
          )}
        </dd>
      </div>
      <div>
        <dt>Works at</dt>
        <dd>{member.establishments?.length ? member.establishments.map((e) => e.name).join(', ') : 'Not given'}</dd>
      </div>
      {current.length ? (
        <div>
          <dt>Represents</dt>
          <dd>
            <ul className="plain">
              {current.map((p) => (
                <li key={p.id}>
                  {p.role}, {p.hub || !p.region ? 'the hub' : p.region.name}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      ) : null}
      {member.pastPosts?.length ? (
        <div>
          <dt>Posts held before</dt>
          <dd>
            <ul className="plain">
              {member.pastPosts.map((p) => (
                <li key={p.id}>
                  {p.role}, {p.hub || !p.region ? 'the hub' : p.region.name}, {formatDay(p.startsOn)} to{' '}
                  {formatDay(p.endsOn)}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      ) : null}
      {member.availability ? (
        <div>
          <dt>Availability</dt>
          <dd>{member.availability}</dd>
        </div>
      ) : null}
      <div>
        <dt>Contact</dt>
        <dd>
          <ContactLinks email={member.email} phone={member.phone} />
        </dd>
      </div>
    </dl>
  );
}
