import { FormEvent, useEffect, useState } from 'react';
import { answer, ApiError, client } from '../api/client';
import { reference, useReference } from '../api/reference';
import type { MemberRecord, PostView as Post } from '../api/openapi.generated';
import { DateInput } from '../components/date-input';
import { Alert, ErrorMessage, ErrorSummary, Field, fieldErrors, Loading, Page, CodeOptions } from '../components/ui';
import { useResource } from '../hooks';
import { Link } from '../router';
import { formatDay, todayInLondon } from '../time';
import { MemberPicker } from './member-picker';

const HUB = 'hub';

export function PostsPage() {
  const [region, setRegion] = useState('');
  const [showEnded, setShowEnded] = useState(false);
  const regions = useReference(reference.regions);
  const posts = useResource(
    () => answer(client.GET('/posts', { params: { query: { region, current: !showEnded, limit: 200 } } })),
    [region, showEnded],
  );
  const [error, setError] = useState<unknown>(null);

  async function end(post: Post) {
    if (!window.confirm(`End ${post.member?.name}'s post "${post.role}" today?`)) return;
    try {
      await answer(
        client.PATCH('/posts/{id}', { params: { path: { id: post.id } }, body: { endsOn: todayInLondon() } }),
      );
      posts.reload();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Page
      title="Representative posts"
      lead="Who represents each region and the hub. A post ends; the next begins; history is kept."
    >
      <AssignPost onAssigned={posts.reload} />
      <section className="section" aria-labelledby="list-heading">
        <h2 id="list-heading">{showEnded ? 'All posts' : 'Current posts'}</h2>
        <div className="filters">
          <div className="field">
            <label htmlFor="p-region">For</label>
            <select id="p-region" value={region} onChange={(e) => setRegion(e.target.value)}>
              <option value="">The hub and every region</option>
              <option value={HUB}>The hub</option>
              <CodeOptions items={regions} />
            </select>
          </div>
          <div className="field checkbox">
            <input id="p-ended" type="checkbox" checked={showEnded} onChange={(e) => setShowEnded(e.target.checked)} />
            <label htmlFor="p-ended">Include ended posts</label>
          </div>
        </div>
        <ErrorMessage error={error ?? posts.error} retry={posts.reload} />
        {posts.loading && !posts.data ? <Loading /> : null}
        {posts.data ? (
          posts.data.items.length ? (
            <PostsTable posts={posts.data.items} onEnd={end} />
          ) : (
            <p className="empty">No posts here.</p>
          )
        ) : null}
      </section>
    </Page>
  );
}

function PostsTable({ posts, onEnd }: { posts: Post[]; onEnd: (post: Post) => void }) {
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Member</th>
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
          {posts.map((p) => (
            <tr key={p.id}>
              <td>{p.member ? <Link to={`/secretariat/members/${p.member.id}`}>{p.member.name}</Link> : ''}</td>
              <td>{p.role}</td>
              <td>{p.hub || !p.region ? 'The hub' : p.region.name}</td>
              <td>{formatDay(p.startsOn)}</td>
              <td>{p.endsOn ? formatDay(p.endsOn) : '—'}</td>
              <td>
                {p.current ? (
                  <button type="button" className="button secondary small" onClick={() => onEnd(p)}>
                    End<span className="visually-hidden"> {p.member?.name}'s post</span>
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The member a post is for, with the region they belong to. */
type Holder = Pick<MemberRecord, 'id' | 'name' | 'region'>;

/** What the form holds besides the member: the hub or a region, the role and its dates. */
interface PostDraft {
  forWhat: string;
  role: string;
  startsOn: string;
  endsOn: string;
}

const emptyDraft = (): PostDraft => ({ forWhat: '', role: '', startsOn: todayInLondon(), endsOn: '' });

function AssignPost({ onAssigned }: { onAssigned: () => void }) {
  const regions = useReference(reference.regions);
  const [member, setMember] = useState<Holder | null>(null);
  const [draft, setDraft] = useState<PostDraft>(emptyDraft);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    const id = new URLSearchParams(location.search).get('memberId');
    if (id) answer(client.GET('/members/{id}', { params: { path: { id } } })).then(setMember, () => undefined);
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setDone(null);
    if (!member) {
      setError(new ApiError(400, 'Choose a member', [{ field: 'memberId', message: 'Choose a member' }]));
      return;
    }
    const { forWhat, role, startsOn, endsOn } = draft;
    const region = regions?.find((r) => r.code === forWhat);
    if (
      region &&
      member.region &&
      member.region.code !== region.code &&
      !window.confirm(`${member.name} is a member in ${member.region.name}. Appoint them for ${region.name}?`)
    )
      return;
    try {
      const body = {
        memberId: member.id,
        ...(forWhat === HUB ? { hub: true } : { regionCode: forWhat }),
        role: role.trim(),
        startsOn,
        ...(endsOn ? { endsOn } : {}),
      };
      await answer(client.POST('/posts', { body }));
      setDone(
        `${member.name} now holds the post "${role.trim()}"${region ? ` for ${region.name}` : forWhat === HUB ? ' in the hub' : ''}.`,
      );
      // A clear form, so a second click cannot give the same post again.
      setMember(null);
      setDraft(emptyDraft());
      onAssigned();
    } catch (err) {
      setError(err);
    }
  }

  const errors = fieldErrors(error);
  return (
    <section aria-labelledby="assign-heading" className="card">
      <h2 id="assign-heading">Assign a post</h2>
      {done ? <Alert kind="success">{done}</Alert> : null}
      <ErrorSummary
        error={error}
        labels={{ memberId: 'Member', regionCode: 'For', hub: 'For', role: 'Role', startsOn: 'From', endsOn: 'Until' }}
      />
      <form onSubmit={submit} noValidate>
        {member ? (
          <p id="field-memberId">
            Member: <strong>{member.name}</strong>{' '}
            <button type="button" className="link-button" onClick={() => setMember(null)}>
              Choose someone else
            </button>
          </p>
        ) : (
          <MemberPicker id="field-memberId" label="Member" error={errors.memberId} onPick={setMember} />
        )}
        <PostFields draft={draft} set={(patch) => setDraft((d) => ({ ...d, ...patch }))} errors={errors} />
        <button type="submit" className="button">
          Assign the post
        </button>
      </form>
    </section>
  );
}

/** The post itself: for the hub or a region, its role, and when it starts and ends. */
function PostFields({
  draft,
  set,
  errors,
}: {
  draft: PostDraft;
  set: (patch: Partial<PostDraft>) => void;
  errors: Record<string, string>;
}) {
  const regions = useReference(reference.regions);
  return (
    <>
      <Field name="regionCode" label="For" error={errors.regionCode ?? errors.hub}>
        {(p) => (
          <select {...p} value={draft.forWhat} onChange={(e) => set({ forWhat: e.target.value })}>
            <option value="">Choose the hub or a region</option>
            <option value={HUB}>The hub (national post)</option>
            <CodeOptions items={regions} />
          </select>
        )}
      </Field>
      <Field name="role" label="Role" hint="For example: Regional lead, Deputy, Chair" error={errors.role}>
        {(p) => <input {...p} value={draft.role} onChange={(e) => set({ role: e.target.value })} />}
      </Field>
      <DateInput
        name="startsOn"
        legend="From"
        hint="For example, 27 3 2026"
        error={errors.startsOn}
        value={draft.startsOn}
        onChange={(startsOn) => set({ startsOn })}
      />
      <DateInput
        name="endsOn"
        legend="Until (optional)"
        hint="The first day the post is no longer held, for example 31 3 2027"
        error={errors.endsOn}
        value={draft.endsOn}
        onChange={(endsOn) => set({ endsOn })}
      />
    </>
  );
}
