import { useEffect, useState } from 'react';
import { api, Page as ListPage } from '../api/client';
import { reference, useReference } from '../api/reference';

export interface Audience {
  all?: true;
  reps?: true;
  regions?: string[];
  categories?: string[];
  memberIds?: string[];
}

/** How many active members one part of an audience holds, from the directory's totals. */
async function countOf(query: Record<string, string | boolean>): Promise<number> {
  const page = await api.get<ListPage<unknown>>('/directory/members', { ...query, status: 'active', limit: 1 });
  return page.total;
}

/**
 * Everyone, the reps, regions, categories and hand-picked members: the union of what is ticked.
 * Each part shows its size; the total is an upper bound, as one member can be in several parts.
 */
export function AudiencePicker({ value, onChange, picked, onPickedChange }: { value: Audience; onChange: (a: Audience) => void; picked: { id: string; name: string }[]; onPickedChange: (p: { id: string; name: string }[]) => void }) {
  const regions = useReference(reference.regions);
  const categories = useReference(reference.categories);
  const [counts, setCounts] = useState<Record<string, number>>({});

  useEffect(() => {
    let live = true;
    const parts: [string, Record<string, string | boolean>][] = [
      ['all', {}],
      ['reps', { reps: true }],
      ...(regions ?? []).map((r) => [`region:${r.code}`, { region: r.code }] as [string, Record<string, string>]),
      ...(categories ?? []).map((c) => [`category:${c.code}`, { category: c.code }] as [string, Record<string, string>]),
    ];
    Promise.all(parts.map(([key, q]) => countOf(q).then((n) => [key, n] as const, () => [key, NaN] as const))).then((entries) => live && setCounts(Object.fromEntries(entries)));
    return () => {
      live = false;
    };
  }, [regions, categories]);

  const toggle = (list: string[] | undefined, code: string, on: boolean) => {
    const next = new Set(list ?? []);
    if (on) next.add(code);
    else next.delete(code);
    return next.size ? [...next] : undefined;
  };
  const n = (key: string) => (Number.isFinite(counts[key]) ? ` (${counts[key]})` : '');

  return (
    <>
      <fieldset className="fieldset">
        <legend>Everyone or all representatives</legend>
        <div className="checkbox">
          <input id="aud-all" type="checkbox" checked={Boolean(value.all)} onChange={(e) => onChange({ ...value, all: e.target.checked ? true : undefined })} />
          <label htmlFor="aud-all">Every active member{n('all')}</label>
        </div>
        <div className="checkbox">
          <input id="aud-reps" type="checkbox" checked={Boolean(value.reps)} onChange={(e) => onChange({ ...value, reps: e.target.checked ? true : undefined })} />
          <label htmlFor="aud-reps">Every current representative{n('reps')}</label>
        </div>
      </fieldset>
      <fieldset className="fieldset">
        <legend>Members of these regions</legend>
        <div className="check-grid">
          {regions?.map((r) => (
            <div className="checkbox" key={r.code}>
              <input id={`aud-region-${r.code}`} type="checkbox" checked={value.regions?.includes(r.code) ?? false} onChange={(e) => onChange({ ...value, regions: toggle(value.regions, r.code, e.target.checked) })} />
              <label htmlFor={`aud-region-${r.code}`}>
                {r.name}
                {n(`region:${r.code}`)}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      <fieldset className="fieldset">
        <legend>Members of these categories</legend>
        <div className="check-grid">
          {categories?.map((c) => (
            <div className="checkbox" key={c.code}>
              <input id={`aud-category-${c.code}`} type="checkbox" checked={value.categories?.includes(c.code) ?? false} onChange={(e) => onChange({ ...value, categories: toggle(value.categories, c.code, e.target.checked) })} />
              <label htmlFor={`aud-category-${c.code}`}>
                {c.name}
                {n(`category:${c.code}`)}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      {picked.length ? (
        <ul className="chips" aria-label="Hand-picked members">
          {picked.map((m) => (
            <li key={m.id}>
              {m.name}{' '}
              <button type="button" className="chip-remove" onClick={() => onPickedChange(picked.filter((x) => x.id !== m.id))}>
                Remove<span className="visually-hidden"> {m.name}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <AudienceTotal value={value} picked={picked.length} counts={counts} />
    </>
  );
}

function AudienceTotal({ value, picked, counts }: { value: Audience; picked: number; counts: Record<string, number> }) {
  const parts = [
    value.all ? counts.all : 0,
    value.reps ? counts.reps : 0,
    ...(value.regions ?? []).map((r) => counts[`region:${r}`] ?? 0),
    ...(value.categories ?? []).map((c) => counts[`category:${c}`] ?? 0),
    picked,
  ];
  const sum = parts.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
  const upper = value.all ? counts.all : sum;
  const several = parts.filter((p) => p > 0).length > 1 && !value.all;
  return (
    <p className="audience-total" aria-live="polite">
      <strong>{upper ?? 0}</strong> {upper === 1 ? 'member' : 'members'} {several ? 'at most (some may be in more than one part)' : ''} will be invited. Anyone already invited is not
      invited twice.
    </p>
  );
}

export function audienceIsEmpty(a: Audience, picked: number): boolean {
  return !a.all && !a.reps && !a.regions?.length && !a.categories?.length && picked === 0;
}
