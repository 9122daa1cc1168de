import { FormEvent, useState } from 'react';
import { answer, client } from '../api/client';
import { ContactCardDownload } from '../components/contact-card-download';
import { ContactLinks, RepList } from '../components/contacts';
import { NetworkPicture } from '../components/network-picture';
import { Alert, ErrorMessage, Loading, Page } from '../components/ui';
import { useResource } from '../hooks';
import { Link, navigate, useLocation } from '../router';
import { useSession } from '../session';

export function HomePage() {
  const { user } = useSession();
  const { query } = useLocation();
  return (
    <Page title={`Hello, ${user?.name ?? 'member'}`}>
      {query.get('welcome') ? (
        <Alert kind="success" title="Your account is ready">
          <p>
            Check <Link to="/my/details">your details</Link>: colleagues use them to reach you.
          </p>
        </Alert>
      ) : null}
      <DirectorySearch />

      <YourContacts />

      <TheNetwork />
    </Page>
  );
}

/** A name to search the directory for, and the way to whom to call about an establishment. */
function DirectorySearch() {
  const [q, setQ] = useState('');

  function search(e: FormEvent) {
    e.preventDefault();
    navigate(`/directory${q.trim() ? `?q=${encodeURIComponent(q.trim())}` : ''}`);
  }

  return (
    <form className="search-bar" role="search" onSubmit={search}>
      <label htmlFor="home-search">Search the directory</label>
      <div className="search-row">
        <input
          id="home-search"
          type="search"
          placeholder="A colleague's name"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <button type="submit" className="button">
          Search
        </button>
      </div>
      <p className="hint">
        Or find <Link to="/where">whom to call about an establishment</Link>.
      </p>
    </form>
  );
}

/** The member's own region's representatives and the hub's, to print or save to a phone. */
function YourContacts() {
  const contacts = useResource(() => answer(client.GET('/me/contacts')), []);
  const c = contacts.data;
  return (
    <section aria-labelledby="contacts-heading" className="section">
      <h2 id="contacts-heading">Your contacts</h2>
      {contacts.loading && !c ? <Loading what="Loading your contacts" /> : null}
      <ErrorMessage error={contacts.error} retry={contacts.reload} />
      {c ? (
        <>
          <h3 className="subhead">{c.region ? `Your region: ${c.region.name}` : 'Your region'}</h3>
          {c.region ? (
            <RepList
              reps={c.regionalReps}
              empty="Your region has no representative at the moment. The hub can help meanwhile."
            />
          ) : (
            <p className="empty">
              You have no region yet. <Link to="/my/details">Add your establishments</Link> or ask the secretariat to
              set it.
            </p>
          )}
          <h3 className="subhead">The hub (national group)</h3>
          <RepList reps={c.hubReps} empty="No national posts are filled at the moment." />
          {c.region ? (
            <p>
              <Link to={`/regions/${encodeURIComponent(c.region.code)}/sheet`}>
                Print {c.region.name}’s contacts for the office wall
              </Link>
            </p>
          ) : null}
          <ContactCardDownload file="SEG contacts" label="Save these contacts to my phone" />
        </>
      ) : null}
    </section>
  );
}

/** The hub and its spokes as a picture, and as a list of regions with their representatives. */
function TheNetwork() {
  const network = useResource(() => answer(client.GET('/directory/network')), []);
  return (
    <section aria-labelledby="network-heading" className="section">
      <h2 id="network-heading">The network</h2>
      <p className="lead">
        The national hub and its regional spokes. A spoke without a representative shows as a dashed circle.
      </p>
      {network.loading && !network.data ? <Loading what="Loading the network" /> : null}
      <ErrorMessage error={network.error} retry={network.reload} />
      {network.data ? (
        <div className="network">
          <NetworkPicture network={network.data} />
          <div className="network-list">
            <h3 className="subhead">Regions and their representatives</h3>
            <ul className="spoke-list">
              {network.data.spokes.map((s) => (
                <li key={s.region.code} className={s.reps.length ? undefined : 'empty-spoke'}>
                  <p className="spoke-name">
                    <Link to={`/regions/${encodeURIComponent(s.region.code)}`}>{s.region.name}</Link>
                  </p>
                  {s.reps.length ? (
                    <ul className="spoke-reps">
                      {s.reps.map((r) => (
                        <li key={r.postId}>
                          <Link to={`/people/${r.member.id}`}>{r.member.name}</Link>
                          <span className="muted">, {r.role}</span>
                          <ContactLinks email={r.member.email} phone={r.member.phone} />
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="muted small">No representative yet</p>
                  )}
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
    </section>
  );
}
