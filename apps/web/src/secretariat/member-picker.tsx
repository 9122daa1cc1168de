import { useEffect, useState } from 'react';
import { answer, client } from '../api/client';
import type { DirectoryMember } from '../api/openapi.generated';
import { useDebounced } from '../hooks';

/** Finds a member by name and hands back the one chosen. */
/** `region`: only members of that region (a region code). */
export function MemberPicker({
  id,
  label,
  error,
  onPick,
  exclude = [],
  region,
}: {
  id: string;
  label: string;
  error?: string;
  onPick: (m: DirectoryMember) => void;
  exclude?: string[];
  region?: string;
}) {
  const [q, setQ] = useState('');
  const settled = useDebounced(q.trim(), 250);
  const [found, setFound] = useState<DirectoryMember[]>([]);

  useEffect(() => {
    if (settled.length < 2) return setFound([]);
    let live = true;
    answer(client.GET('/directory/members', { params: { query: { q: settled, limit: 8, region } } })).then(
      (page) => live && setFound(page.items),
      () => live && setFound([]),
    );
    return () => {
      live = false;
    };
  }, [settled, region]);

  const shown = found.filter((m) => !exclude.includes(m.id));
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <p className="hint" id={`${id}-hint`}>
        Type two letters or more of a name, then choose.
      </p>
      {error ? <p className="error-text">{error}</p> : null}
      <input
        id={id}
        type="search"
        autoComplete="off"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        aria-describedby={`${id}-hint`}
      />
      {shown.length ? (
        <ul className="plain pick-list" aria-label="Matching members">
          {shown.map((m) => (
            <li key={m.id}>
              <button
                type="button"
                className="button secondary small"
                onClick={() => {
                  onPick(m);
                  setQ('');
                }}
              >
                Choose {m.name}
                {m.region ? ` (${m.region.name})` : ''}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
