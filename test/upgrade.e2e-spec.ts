import { prepareDatabase } from '@seg/db';
import { ChildProcess, execFileSync, execSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, realpathSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { rsvpTokenOf } from './support/meeting-mail';
import { eventually } from './support/poll';
import { ReceivedMail } from './support/smtp-sink';
import { useStack } from './support/stack';
import { workerEnv } from './support/worker-harness';

/**
 * The release this code upgrades from, named by its commit: the code before attendance and CPD
 * (issue 22), whose migrations are this code's less `0016_learning`. Move it forward to the
 * previous release when a release adds migrations. CI clones with full history, so it is there.
 */
const PREVIOUS_RELEASE = 'e93d53c049f29a61768fc147bebaeb03d7acaf42';

const root = path.resolve(__dirname, '..');

/**
 * The previous release, built as its own tree from git (not this checkout's code): its sources
 * and migrations from `git archive`, this checkout's node_modules (the release's dependencies
 * are a subset of ours at the same versions), built with its own nest build. Kept in the temp
 * folder by commit, so a second run (and a second test file) reuses it; built in a folder of its
 * own and renamed into place, so a run stopped half-way leaves nothing to reuse.
 */
function previousRelease(): string {
  const dir = path.join(tmpdir(), `seg-release-${PREVIOUS_RELEASE.slice(0, 12)}`);
  const built = (d: string) =>
    ['api', 'worker'].every((app) => existsSync(path.join(d, `dist/apps/${app}/src/main.js`)));
  if (built(dir)) {
    linkModules(dir);
    return dir;
  }
  const building = `${dir}.${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  execSync(`git archive --format=tar ${PREVIOUS_RELEASE} | tar -x -C "${building}"`, { cwd: root, stdio: 'pipe' });
  linkModules(building);
  // `nest build api` compiles every app and lib of the tree (tsconfig.build.json), the worker too.
  execFileSync(process.execPath, [path.join(root, 'node_modules/@nestjs/cli/bin/nest.js'), 'build', 'api'], {
    cwd: building,
    stdio: 'pipe',
  });
  if (!built(building)) throw new Error(`The release ${PREVIOUS_RELEASE} did not build both apps`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  return dir;
}

/**
 * Points the release's node_modules at this checkout's: a release kept from an earlier run may
 * still point at a checkout that is gone. Made aside and renamed over, so a process already
 * running from the release never finds it missing.
 */
function linkModules(dir: string): void {
  const modules = path.join(root, 'node_modules');
  const link = path.join(dir, 'node_modules');
  if (existsSync(link) && realpathSync(link) === realpathSync(modules)) return;
  const aside = `${link}.${process.pid}`;
  rmSync(aside, { force: true });
  symlinkSync(modules, aside, 'dir');
  renameSync(aside, link);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Process {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | NodeJS.Signals | null>;
}

/** One of the release's built apps as a process, run from its own tree (its own migrations). */
function run(dir: string, app: 'api' | 'worker', env: Record<string, string>): Process {
  const child = spawn(process.execPath, [path.join(dir, `dist/apps/${app}/src/main.js`)], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  return { child, output: () => output, exited };
}

async function stop(p: Process, signal: NodeJS.Signals): Promise<void> {
  if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill(signal);
  await p.exited;
}

describe('upgrading from the previous release', () => {
  const ADMIN = { email: 'admin@upgrade.example.org', password: 'an upgrade test passphrase' };
  const stack = useStack({
    api: false,
    smtp: true,
    env: { SEG_ADMIN_EMAIL: ADMIN.email, SEG_ADMIN_PASSWORD: ADMIN.password, MAIL_RATE_PER_MINUTE: '60000' },
  });
  const old: Process[] = [];
  afterAll(async () => {
    for (const p of old) await stop(p, 'SIGKILL');
  });

  it('migrates a database the release filled while its worker still sends; the new apps lose no notice and no reply', async () => {
    const release = previousRelease();
    const env = workerEnv(stack.config, {
      LOG_LEVEL: 'warn',
      SEG_ADMIN_EMAIL: ADMIN.email,
      SEG_ADMIN_PASSWORD: ADMIN.password,
      SEED_DEMO: 'false',
      WORKER_CONCURRENCY: '5',
      // The release's own name for the send rate (this code reads MAIL_RATE_PER_MINUTE, and refuses this one).
      MAIL_RATE_PER_SECOND: '1000',
    });
    const port = await freePort();
    const oldApi = run(release, 'api', { ...env, PORT: String(port) });
    old.push(oldApi);
    const base = `http://127.0.0.1:${port}`;
    await eventually(
      'the release API to answer',
      async () => (await fetch(`${base}/health`).catch(() => null))?.ok,
      90_000,
    );
    const call = async (method: string, url: string, body?: object, token?: string) => {
      const res = await fetch(`${base}${url}`, {
        method,
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: body && JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${text}`);
      return text ? JSON.parse(text) : null;
    };

    // Filled by the release: members (plain rows, as any release holds them), a meeting and its invitations.
    const db = new Client({ connectionString: stack.config.databaseUrl });
    await db.connect();
    try {
      const { rows: people } = await db.query<{ id: string; email: string }>(
        `insert into members (email, name, status, region_id)
         select 'upgrade' || i || '@example.org', 'Upgrade Member ' || i, 'active', (select id from regions where code = 'london')
           from generate_series(1, 40) i
         returning id, email`,
      );
      const { accessToken } = await call('POST', '/auth/login', ADMIN);
      const meeting = await call(
        'POST',
        '/meetings',
        {
          title: 'Upgrade hub meeting',
          kind: 'hub',
          startsAt: '2031-06-09T10:00',
          endsAt: '2031-06-09T16:00',
          venue: 'London',
        },
        accessToken,
      );
      stack.sink.delayMs = 150;
      const oldWorker = run(release, 'worker', env);
      old.push(oldWorker);
      const invited = await call(
        'POST',
        `/meetings/${meeting.id}/invitations`,
        { audience: { regions: ['london'] } },
        accessToken,
      );
      expect(invited.invited).toBe(40);
      await stack.sink.waitFor((mails) => mails.length >= 8, 60_000);
      // A reply recorded by the release, through the link its worker sent.
      const mailTo = (email: string): ReceivedMail | undefined => stack.sink.to(email)[0];
      const [first, second] = people
        .filter((p) => mailTo(p.email))
        .map((p) => ({ ...p, token: rsvpTokenOf(mailTo(p.email)!) }));
      await call('POST', `/rsvp/${first.token}`, { response: 'accepted' });

      // This code migrates the database while the release's worker is still sending.
      const sentBefore = stack.sink.received.length;
      await prepareDatabase(stack.config.databaseUrl);
      expect(stack.sink.received.length).toBeLessThan(40);
      // New apps start beside the old ones; then the old ones are stopped, as a rolling restart does.
      const api = await stack.startApi();
      stack.sink.delayMs = 0;
      stack.spawnWorker();
      await stop(oldWorker, 'SIGTERM');
      await stop(oldApi, 'SIGTERM');
      expect(oldWorker.output()).not.toMatch(/"level":50/);

      // A link the release sent works on the new API.
      await api.http().post(`/rsvp/${second.token}`).send({ response: 'declined' }).expect(200);
      await stack.sink.waitFor(() => people.every((p) => stack.sink.to(p.email).length > 0), 60_000);
      await eventually('every notice recorded sent', async () => {
        const { rows } = await db.query(
          `select count(*)::int as n from notices where meeting_id = $1 and status = 'sent'`,
          [meeting.id],
        );
        return rows[0].n === 40;
      });
      const copies = people.map((p) => stack.sink.to(p.email).length);
      expect({ missing: copies.filter((n) => n === 0).length, twice: copies.filter((n) => n > 1).length }).toEqual({
        missing: 0,
        twice: 0,
      });
      const { rows: replies } = await db.query<{ member_id: string; rsvp: string }>(
        `select member_id, rsvp from invitations where meeting_id = $1 and rsvp <> 'needs-action'`,
        [meeting.id],
      );
      expect(replies.sort((a, b) => a.member_id.localeCompare(b.member_id))).toEqual(
        [
          { member_id: first.id, rsvp: 'accepted' },
          { member_id: second.id, rsvp: 'declined' },
        ].sort((a, b) => a.member_id.localeCompare(b.member_id)),
      );
      process.stdout.write(
        `upgrade from ${PREVIOUS_RELEASE.slice(0, 7)}: ${sentBefore} of 40 sent by the release before the migration, the rest after, none twice\n`,
      );
    } finally {
      stack.sink.delayMs = 0;
      await db.end();
    }
  }, 600_000);
});
