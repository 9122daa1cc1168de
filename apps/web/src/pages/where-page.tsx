import { useState } from 'react';
import { answer, client } from '../api/client';
import { reference, useReference } from '../api/reference';
import { RepList } from '../components/contacts';
import { ErrorMessage, Loading, Page } from '../components/ui';
import { useDebounced, useResource } from '../hooks';
import { navigate, useLocation } from '../router';

/**
 * "Where is my patient going?": type the name as people say it ("HMP Belmarsh"), see its region
 * and whom to call. The API ranks the matches; a single match is the answer at once.
 */
export function WherePage() {
  const { query } = useLocation();
  const establishments = useReference(reference.establishments);
  const [filter, setFilter] = useState('');
  const settled = useDebounced(filter.trim(), 250);
  const found = useResource(
    () =>
      settled
        ? answer(client.GET('/establishments', { params: { query: { q: settled, limit: 50 } } }))
        : Promise.resolve(null),
    [settled],
  );
  const matches = settled ? found.data?.items : undefined;
  const shown = matches ?? establishments ?? [];
  const answered = settled === filter.trim() && !found.loading;
  const single = answered && matches?.length === 1 && found.data?.total === 1 ? matches[0].id : '';
  const chosen = query.get('establishment') || single;

  // A changed filter drops the choice it may no longer show, so no old choice's contacts stay on
  // screen; a single match is then the answer, as on a fresh page.
  function changeFilter(value: string) {
    setFilter(value);
    if (query.get('establishment')) navigate('/where', { replace: true });
  }

  return (
    <Page
      title="Where is my patient going?"
      lead="Choose the establishment to see its region and the representatives to call."
    >
      <div className="where-form">
        <div className="field">
          <label htmlFor="where-filter">Type part of the name, town or postcode</label>
          <input
            id="where-filter"
            type="search"
            autoComplete="off"
            value={filter}
            onChange={(e) => changeFilter(e.target.value)}
            aria-controls="where-establishment"
          />
        </div>
        <div className="field">
          <label htmlFor="where-establishment">Establishment</label>
          <select
            id="where-establishment"
            value={chosen}
            onChange={(e) =>
              navigate(`/where${e.target.value ? `?establishment=${e.target.value}` : ''}`, { replace: true })
            }
          >
            <option value="">{establishments ? `Choose one of ${shown.length}` : 'Loading establishments…'}</option>
            {shown.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
                {e.town ? ` (${e.town})` : ''}
              </option>
            ))}
          </select>
        </div>
      </div>
      {chosen ? <Answer id={chosen} /> : null}
    </Page>
  );
}

function Answer({ id }: { id: string }) {
  const contacts = useResource(
    () => answer(client.GET('/establishments/{id}/contacts', { params: { path: { id } } })),
    [id],
  );
  const establishments = useReference(reference.establishments);
  const establishment = contacts.data?.establishment ?? establishments?.find((e) => e.id === id);
  return (
    <section aria-labelledby="answer-heading" className="section answer" aria-live="polite">
      {contacts.loading ? <Loading what="Finding the contacts" /> : null}
      <ErrorMessage error={contacts.error} retry={contacts.reload} />
      {contacts.data && !contacts.loading ? (
        <>
          <h2 id="answer-heading">{establishment?.name ?? 'This establishment'}</h2>
          <p className="lead">
            {establishment ? `${establishment.type.name}${establishment.town ? `, ${establishment.town}` : ''}. ` : ''}
            Region: <strong>{contacts.data.region?.name ?? 'not recorded'}</strong>
          </p>
          <h3 className="subhead">Whom to call in {contacts.data.region?.name ?? 'the region'}</h3>
          <RepList
            reps={contacts.data.regionalReps}
            empty="This region has no representative at the moment: the hub can help."
          />
          <h3 className="subhead">The hub (national group)</h3>
          <RepList reps={contacts.data.hubReps} empty="No national posts are filled at the moment." />
        </>
      ) : null}
    </section>
  );
}
