import { FormEvent, ReactNode, useMemo, useState } from 'react';
import { answer, asEntered, client } from '../api/client';
import { reference, useReference } from '../api/reference';
import type {
  CategoryView as Category,
  CreateCategoryDto,
  CreateEstablishmentDto,
  CreateRegionDto,
  EstablishmentView as Establishment,
  RegionView as Region,
} from '../api/openapi.generated';
import { Alert, ErrorMessage, ErrorSummary, Field, fieldErrors, Loading, Page } from '../components/ui';
import { Resource, useResource } from '../hooks';

interface Column<T> {
  name: string;
  label: string;
  hint?: string;
  /** A select instead of a text input. */
  options?: { value: string; label: string }[];
  /** The row's value for this column, as the form holds it. */
  value: (row: T) => string;
  show?: (row: T) => ReactNode;
}

type Row = { id: string; name: string };

/** What the form sends: the columns' values, a column left empty left out. */
type ListBody = Record<string, string | undefined>;

interface EditorProps<T extends Row> {
  title: string;
  lead: string;
  /** Adds a row (`row` null) or changes one. */
  save: (row: T | null, body: ListBody) => Promise<unknown>;
  noun: string;
  columns: Column<T>[];
  load: () => Promise<T[]>;
  forget: () => void;
  filterable?: boolean;
}

/** A list the directory is built on: a table, a form to add, the same form to change a row. */
function ListEditor<T extends Row>(props: EditorProps<T>) {
  const rows = useResource(props.load, []);
  const [editing, setEditing] = useState<T | null>(null);
  // Every column from the start: a field left untouched is sent as empty, not read as missing.
  const [form, setForm] = useState<Record<string, string>>(() =>
    Object.fromEntries(props.columns.map((c) => [c.name, ''])),
  );
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  /** The form for the row, or for a new one; what was saved last is still said. */
  const open = (row: T | null) => {
    setEditing(row);
    setError(null);
    setForm(Object.fromEntries(props.columns.map((c) => [c.name, row ? c.value(row) : ''])));
    document.getElementById('list-form')?.scrollIntoView();
    document.getElementById(`field-${props.columns[0].name}`)?.focus();
  };
  // The next edit (another row, or typing) ends the message of the last save.
  const start = (row: T | null) => {
    setDone(null);
    open(row);
  };
  const edit = (next: Record<string, string>) => {
    setDone(null);
    setForm(next);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setDone(null);
    const body = Object.fromEntries(
      props.columns
        .filter((c) => !editing || form[c.name] !== c.value(editing))
        .map((c) => [c.name, form[c.name].trim() === '' ? undefined : form[c.name].trim()]),
    );
    try {
      await props.save(editing, body);
      props.forget();
      setDone(editing ? `${form.name} saved.` : `${form.name} added.`);
      open(null);
      rows.reload();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Page title={props.title} lead={props.lead}>
      <ListRowForm
        noun={props.noun}
        columns={props.columns}
        editing={editing}
        form={form}
        setForm={edit}
        error={error}
        done={done}
        onSubmit={submit}
        onCancel={() => start(null)}
      />
      <ListTable
        title={props.title}
        columns={props.columns}
        rows={rows}
        filterable={props.filterable}
        onChange={start}
      />
    </Page>
  );
}

/** The form that adds a row, or changes the row being edited. */
function ListRowForm<T extends Row>({
  noun,
  columns,
  editing,
  form,
  setForm,
  error,
  done,
  onSubmit,
  onCancel,
}: {
  noun: string;
  columns: Column<T>[];
  editing: T | null;
  form: Record<string, string>;
  setForm: (form: Record<string, string>) => void;
  error: unknown;
  done: string | null;
  onSubmit: (e: FormEvent) => void;
  onCancel: () => void;
}) {
  const errors = fieldErrors(error);
  return (
    <section id="list-form" className="card" aria-labelledby="form-heading">
      <h2 id="form-heading">
        {editing ? `Change ${editing.name}` : `Add ${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`}
      </h2>
      {done ? <Alert kind="success">{done}</Alert> : null}
      <ErrorSummary error={error} labels={Object.fromEntries(columns.map((c) => [c.name, c.label]))} />
      <form onSubmit={onSubmit} noValidate>
        {columns.map((c) => (
          <Field key={c.name} name={c.name} label={c.label} hint={c.hint} error={errors[c.name]}>
            {(p) =>
              c.options ? (
                <select
                  {...p}
                  value={form[c.name] ?? ''}
                  onChange={(e) => setForm({ ...form, [c.name]: e.target.value })}
                >
                  <option value="">Choose</option>
                  {c.options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  {...p}
                  value={form[c.name] ?? ''}
                  onChange={(e) => setForm({ ...form, [c.name]: e.target.value })}
                />
              )
            }
          </Field>
        ))}
        <div className="button-row">
          <button type="submit" className="button">
            {editing ? 'Save changes' : `Add ${noun}`}
          </button>
          {editing ? (
            <button type="button" className="button secondary" onClick={onCancel}>
              Cancel
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}

/** Every row, filtered by what is typed when the list is long, each with its Change button. */
function ListTable<T extends Row>({
  title,
  columns,
  rows,
  filterable,
  onChange,
}: {
  title: string;
  columns: Column<T>[];
  rows: Resource<T[]>;
  filterable?: boolean;
  onChange: (row: T) => void;
}) {
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return (rows.data ?? []).filter((r) => !f || columns.some((c) => c.value(r).toLowerCase().includes(f)));
  }, [rows.data, filter, columns]);

  return (
    <section className="section" aria-labelledby="table-heading">
      <h2 id="table-heading">
        {rows.data ? `${rows.data.length} ` : ''}
        {title.toLowerCase()}
      </h2>
      {filterable ? (
        <div className="field">
          <label htmlFor="list-filter">Filter</label>
          <input id="list-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </div>
      ) : null}
      <ErrorMessage error={rows.error} retry={rows.reload} />
      {rows.loading && !rows.data ? <Loading /> : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.name} scope="col">
                  {c.label}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.id}>
                {columns.map((c) => (
                  <td key={c.name}>{c.show ? c.show(r) : c.value(r)}</td>
                ))}
                <td>
                  <button type="button" className="button secondary small" onClick={() => onChange(r)}>
                    Change<span className="visually-hidden"> {r.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function RegionsPage() {
  return (
    <ListEditor<Region>
      title="Regions"
      lead="The spokes of the network. Renaming a region keeps its members and posts."
      save={(row, body) =>
        row
          ? answer(client.PATCH('/regions/{id}', { params: { path: { id: row.id } }, body }))
          : answer(client.POST('/regions', { body: asEntered<CreateRegionDto>(body) }))
      }
      noun="region"
      load={reference.regions}
      forget={() => reference.forget('regions')}
      columns={[
        { name: 'code', label: 'Code', hint: 'Short, lower case, with hyphens: north-east', value: (r) => r.code },
        { name: 'name', label: 'Name', value: (r) => r.name },
        { name: 'nation', label: 'Nation', value: (r) => r.nation ?? '' },
      ]}
    />
  );
}

export function CategoriesPage() {
  return (
    <ListEditor<Category>
      title="Categories"
      lead="Membership categories."
      save={(row, body) =>
        row
          ? answer(client.PATCH('/categories/{id}', { params: { path: { id: row.id } }, body }))
          : answer(client.POST('/categories', { body: asEntered<CreateCategoryDto>(body) }))
      }
      noun="category"
      load={reference.categories}
      forget={() => reference.forget('categories')}
      columns={[
        { name: 'code', label: 'Code', hint: 'Short, lower case, with hyphens: prison-gp', value: (c) => c.code },
        { name: 'name', label: 'Name', value: (c) => c.name },
        { name: 'description', label: 'Description', value: (c) => c.description ?? '' },
      ]}
    />
  );
}

export function EstablishmentsPage() {
  const regions = useReference(reference.regions);
  const types = useReference(loadTypes);
  const regionCode = (e: Establishment) => e.region.code;
  const typeCode = (e: Establishment) => e.type.code;
  if (!regions || !types) return <Loading />;
  return (
    <ListEditor<Establishment>
      title="Establishments"
      lead="Secure environments, each in one region."
      save={(row, body) =>
        row
          ? answer(client.PATCH('/establishments/{id}', { params: { path: { id: row.id } }, body }))
          : answer(client.POST('/establishments', { body: asEntered<CreateEstablishmentDto>(body) }))
      }
      noun="establishment"
      filterable
      load={reference.establishments}
      forget={() => reference.forget('establishments')}
      columns={[
        { name: 'name', label: 'Name', value: (e) => e.name },
        {
          name: 'type',
          label: 'Type',
          options: types.map((t) => ({ value: t.code, label: t.name })),
          value: typeCode,
          show: (e) => e.type.name,
        },
        {
          name: 'region',
          label: 'Region',
          options: regions.map((r) => ({ value: r.code, label: r.name })),
          value: regionCode,
          show: (e) => e.region?.name ?? regionCode(e),
        },
        { name: 'town', label: 'Town', value: (e) => e.town ?? '' },
        { name: 'postcode', label: 'Postcode', value: (e) => e.postcode ?? '' },
      ]}
    />
  );
}

async function loadTypes() {
  return (await answer(client.GET('/establishment-types'))).items;
}
