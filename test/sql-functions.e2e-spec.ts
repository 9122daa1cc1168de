import { applySqlFunctions, drizzleFolder, prepareDatabase, readSqlFunctionFiles, SqlFunctionFile } from '@seg/db';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { dropDatabase, testConfig } from './support/test-config';

/** The last migration written before functions and triggers moved to drizzle/functions/. */
const LAST_MIGRATION_WITH_FUNCTIONS = 14;

describe('SQL functions and triggers', () => {
  const url = testConfig().databaseUrl;
  const client = new Client({ connectionString: url });

  beforeAll(async () => {
    // Two processes starting at once: the migration lock lets one apply, the other finds it done.
    await Promise.all([prepareDatabase(url), prepareDatabase(url)]);
    await client.connect();
  });

  afterAll(async () => {
    await client.end();
    await dropDatabase(url);
  });

  const defined = (kind: 'function' | 'trigger') => {
    const pattern = new RegExp(`create or replace ${kind} (?:public\\.)?(\\w+)`, 'gi');
    return readSqlFunctionFiles()
      .flatMap((f) => [...f.text.matchAll(pattern)].map((m) => m[1]))
      .sort();
  };

  it('has each of its functions and triggers defined in drizzle/functions/, and no other', async () => {
    const functions = await client.query<{ name: string; body: string }>(
      `select p.proname as name, p.prosrc as body from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public' and p.proname like 'seg\\_%' order by 1`,
    );
    expect(functions.rows.map((r) => r.name)).toEqual(defined('function'));
    // The bodies are the files' (as written there), not those the migrations once created.
    const all = readSqlFunctionFiles()
      .map((f) => f.text)
      .join('\n');
    for (const { name, body } of functions.rows)
      expect({ name, inFiles: all.includes(body) }).toEqual({ name, inFiles: true });
    const triggers = await client.query<{ name: string }>(
      `select t.tgname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
         join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and not t.tgisinternal order by 1`,
    );
    expect(triggers.rows.map((r) => r.name)).toEqual(defined('trigger'));
  });

  it('leaves function bodies out of the migrations written since', () => {
    const folder = drizzleFolder();
    const later = readdirSync(folder).filter(
      (name) => /^\d{4}_.*\.sql$/.test(name) && Number(name.slice(0, 4)) > LAST_MIGRATION_WITH_FUNCTIONS,
    );
    for (const name of later) {
      const text = readFileSync(path.join(folder, name), 'utf8');
      expect({ name, creates: /create\s+(or\s+replace\s+)?(function|trigger)/i.test(text) }).toEqual({
        name,
        creates: false,
      });
    }
  });

  describe('applied at every start', () => {
    const counter = async () =>
      (await client.query<{ n: number }>('select count(*)::int as n from sql_function_runs')).rows[0].n;
    const answer = async () => (await client.query<{ v: number }>('select public.seg_test_answer() as v')).rows[0].v;
    const files = (answer: number, earlier = '-- nothing yet'): SqlFunctionFile[] => [
      { name: '01-earlier.sql', text: earlier },
      {
        name: '02-answer.sql',
        text: [
          `create or replace function public.seg_test_answer() returns int language sql as $$ select ${answer} $$;`,
          '-- when changed:',
          'insert into sql_function_runs default values;',
        ].join('\n'),
      },
    ];

    beforeAll(async () => {
      await client.query('create table sql_function_runs (at timestamptz default clock_timestamp())');
    });

    afterAll(async () => {
      await client.query('drop function public.seg_test_answer(); drop table sql_function_runs');
      await client.query(`delete from drizzle.sql_functions where file in ('01-earlier.sql', '02-answer.sql')`);
    });

    it('runs a file\'s "when changed" part once per change of it or of a file before it', async () => {
      await applySqlFunctions(client, files(1));
      await applySqlFunctions(client, files(1));
      expect([await answer(), await counter()]).toEqual([1, 1]);
      await applySqlFunctions(client, files(2));
      expect([await answer(), await counter()]).toEqual([2, 2]);
      await applySqlFunctions(client, files(2, '-- a function the next file may use'));
      expect([await answer(), await counter()]).toEqual([2, 3]);
      await applySqlFunctions(client, files(2, '-- a function the next file may use'));
      expect(await counter()).toBe(3);
    });

    it('applies nothing of a set in which a file fails, and names the file', async () => {
      const broken = [...files(3), { name: '03-broken.sql', text: 'create or replace function oops(' }];
      await expect(applySqlFunctions(client, broken)).rejects.toThrow(/^drizzle\/functions\/03-broken\.sql: /);
      expect([await answer(), await counter()]).toEqual([2, 3]);
    });
  });
});
