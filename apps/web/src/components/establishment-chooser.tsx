import { useState } from 'react';
import { answer, client } from '../api/client';
import type { EstablishmentRef } from '../api/openapi.generated';
import { useDebounced, useResource } from '../hooks';

/** Chosen establishments as removable chips, and a name filter to add more. */
export function EstablishmentChooser(props: {
  legend: string;
  all: EstablishmentRef[];
  chosen: EstablishmentRef[];
  error?: string;
  onChange: (ids: string[]) => void;
}) {
  const [filter, setFilter] = useState('');
  const ids = props.chosen.map((e) => e.id);
  // The API's ranking, as everywhere a place is looked up: "HMP Belmarsh" finds Belmarsh (HMP & YOI).
  const settled = useDebounced(filter.trim(), 250);
  const found = useResource(
    () =>
      settled.length >= 2
        ? answer(client.GET('/establishments', { params: { query: { q: settled, limit: 10 } } }))
        : Promise.resolve(null),
    [settled],
  );
  const matches =
    filter.trim().length >= 2 ? (found.data?.items ?? []).filter((e) => !ids.includes(e.id)).slice(0, 8) : [];
  return (
    <fieldset className={`fieldset${props.error ? ' field-error' : ''}`} id="field-establishmentIds" tabIndex={-1}>
      <legend>{props.legend}</legend>
      {props.error ? <p className="error-text">{props.error}</p> : null}
      {props.chosen.length ? (
        <ul className="chips">
          {props.chosen.map((e) => (
            <li key={e.id}>
              {e.name}{' '}
              <button
                type="button"
                className="chip-remove"
                onClick={() => props.onChange(ids.filter((id) => id !== e.id))}
              >
                Remove<span className="visually-hidden"> {e.name}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">None chosen.</p>
      )}
      <div className="field">
        <label htmlFor="est-add">Add an establishment</label>
        <input
          id="est-add"
          type="search"
          autoComplete="off"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          aria-describedby="est-add-hint"
        />
        <p className="hint" id="est-add-hint">
          Type two letters or more, then choose from the list below.
        </p>
      </div>
      {matches.length ? (
        <ul className="plain pick-list" aria-label="Matching establishments">
          {matches.map((e) => (
            <li key={e.id}>
              <button
                type="button"
                className="button secondary small"
                onClick={() => {
                  props.onChange([...ids, e.id]);
                  setFilter('');
                }}
              >
                Add {e.name}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}
