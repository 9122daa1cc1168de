import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { members, notices } from '@seg/db';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { createMember, loggedIn, uniqueEmail } from './support/factories';
import { useStack } from './support/stack';
import { uniqueName } from './support/test-config';

type Auth = Record<string, string>;

/** Asserts a 400 in API.md's shape whose details name `field`. */
function expectFieldError(res: request.Response, field: string): void {
  expect(res.status).toBe(400);
  expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
}

describe('bad input is a 4xx naming the field, never a 500', () => {
  // A built web app of one page, so that its middleware answers page loads and file paths.
  const webDir = mkdtempSync(join(tmpdir(), 'seg-bad-input-web-'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>SEG</title>');
  const stack = useStack({ env: { WEB_DIR: webDir } });
  let member: Auth;
  let secretariat: Auth;

  beforeAll(async () => {
    member = (await loggedIn(stack.db, stack.config, { role: 'member' })).auth;
    secretariat = (await loggedIn(stack.db, stack.config, { role: 'secretariat' })).auth;
  });
  afterAll(() => rmSync(webDir, { recursive: true, force: true }));

  describe('control characters and lone surrogates', () => {
    it('refuses a NUL byte in every create and update, naming the field', async () => {
      const s = secretariat;
      expectFieldError(await stack.http().patch('/me').set(member).send({ name: 'Ann\u0000' }), 'name');
      expectFieldError(
        await stack.http().post('/regions').set(s).send({ code: 'nul-region', name: 'Nul\u0000', nation: 'England' }),
        'name',
      );
      expectFieldError(
        await stack.http().post('/categories').set(s).send({ code: 'nul-cat', name: 'Nul', description: 'a\u0000b' }),
        'description',
      );
      expectFieldError(
        await stack
          .http()
          .post('/establishments')
          .set(s)
          .send({ name: 'HMP \u0000', type: 'prison', region: 'london' }),
        'name',
      );
      const created = await createMember(stack.db);
      expectFieldError(
        await stack
          .http()
          .post('/posts')
          .set(s)
          .send({ memberId: created.id, regionCode: 'london', role: 'Lead\u0000', startsOn: '2026-01-01' }),
        'role',
      );
      expectFieldError(
        await stack
          .http()
          .post('/meetings')
          .set(s)
          .send({ title: 'T\u0000', kind: 'hub', startsAt: '2026-06-10T10:00', endsAt: '2026-06-10T12:00' }),
        'title',
      );
      expectFieldError(
        await stack
          .http()
          .post('/members')
          .set(s)
          .send({ email: uniqueEmail(), name: 'New\u0000', category: 'prison-gp' }),
        'name',
      );
      expectFieldError(await stack.http().patch(`/members/${created.id}`).set(s).send({ title: 'Dr\u0000' }), 'title');
      expectFieldError(await stack.http().patch('/regions/london').set(s).send({ name: 'London\u0000' }), 'name');
    });

    it('refuses a NUL byte in a query parameter', async () => {
      expectFieldError(await stack.http().get('/directory/members?q=%00').set(member), 'q');
      expectFieldError(await stack.http().get('/audit?entity=%00').set(secretariat), 'entity');
      expectFieldError(await stack.http().get('/establishments?q=a%00b').set(member), 'q');
    });

    it('refuses line breaks in a single-line field, and keeps tab and newline in multi-line text', async () => {
      expectFieldError(await stack.http().patch('/me').set(member).send({ name: 'Ann\r\nBcc: x' }), 'name');
      expectFieldError(await stack.http().patch('/me').set(member).send({ bio: 'one\u0007' }), 'bio');
      const ok = await stack
        .http()
        .patch('/me')
        .set(member)
        .send({ bio: 'Line one\n\tLine two', availability: 'Mon\nTue' })
        .expect(200);
      expect(ok.body.bio).toBe('Line one\n\tLine two');
    });

    it('refuses a lone surrogate in an email at login, password reset and member create', async () => {
      expectFieldError(
        await stack.http().post('/auth/login').send({ email: '\ud800@x.org', password: 'whatever it is, long' }),
        'email',
      );
      expectFieldError(await stack.http().post('/auth/password-reset').send({ email: '\ud800@x.org' }), 'email');
      expectFieldError(
        await stack
          .http()
          .post('/members')
          .set(secretariat)
          .send({ email: 'a\udc00@x.org', name: 'Surrogate', category: 'prison-gp' }),
        'email',
      );
    });
  });

  describe('nulls and dates', () => {
    it('refuses null for a required field on PATCH', async () => {
      expectFieldError(await stack.http().patch('/regions/london').set(secretariat).send({ name: null }), 'name');
      expectFieldError(await stack.http().patch('/categories/prison-gp').set(secretariat).send({ name: null }), 'name');
      const created = await createMember(stack.db);
      expectFieldError(
        await stack.http().patch(`/members/${created.id}`).set(secretariat).send({ email: null }),
        'email',
      );
    });

    it('refuses null for an optional field that cannot be empty', async () => {
      const s = secretariat;
      expectFieldError(
        await stack
          .http()
          .post('/establishments')
          .set(s)
          .send({ name: 'HMP Nullby', type: 'prison', region: 'london', alsoYoi: null }),
        'alsoYoi',
      );
      const created = await stack
        .http()
        .post('/establishments')
        .set(s)
        .send({ name: 'HMP Nullton', type: 'prison', region: 'london' })
        .expect(201);
      expectFieldError(
        await stack.http().patch(`/establishments/${created.body.id}`).set(s).send({ alsoYoi: null }),
        'alsoYoi',
      );
      expectFieldError(
        await stack.http().patch('/me').set(member).send({ establishmentIds: null }),
        'establishmentIds',
      );
      const other = await createMember(stack.db);
      expectFieldError(
        await stack.http().patch(`/members/${other.id}`).set(s).send({ establishmentIds: null }),
        'establishmentIds',
      );
      expectFieldError(
        await stack.http().patch('/me').set(member).send({ contactVisibility: null }),
        'contactVisibility',
      );
      expectFieldError(
        await stack.http().patch('/categories/patient-rep').set(s).send({ contactsPrivateByDefault: null }),
        'contactsPrivateByDefault',
      );
    });

    it('refuses dates outside 1900 to 2200', async () => {
      const meeting = (startsAt: string, endsAt: string) =>
        stack
          .http()
          .post('/meetings')
          .set(secretariat)
          .send({ title: `Hub ${uniqueName('m')}`, kind: 'hub', startsAt, endsAt });
      expectFieldError(await meeting('0001-01-01T10:00', '0001-01-01T12:00'), 'startsAt');
      expectFieldError(await meeting('0000-01-01T10:00:00Z', '2026-01-01T12:00:00Z'), 'startsAt');
      expectFieldError(await meeting('2026-01-01T10:00', '2201-01-01T12:00'), 'endsAt');
      await meeting('2026-01-01T10:00', '2026-01-01T12:00').expect(201);
      const created = await createMember(stack.db);
      expectFieldError(
        await stack
          .http()
          .post('/posts')
          .set(secretariat)
          .send({ memberId: created.id, regionCode: 'london', role: 'Lead', startsOn: '0001-01-01' }),
        'startsOn',
      );
    });
  });

  describe('bodies the parser refuses keep their status and the error shape', () => {
    const raw = (body: string | Buffer, headers: Record<string, string>) => {
      let req = stack.http().post('/auth/login');
      for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
      return req.send(body);
    };
    const expectShape = (res: request.Response, status: number) => {
      expect(res.status).toBe(status);
      expect(res.body).toEqual({
        statusCode: status,
        error: expect.any(String),
        message: expect.any(String),
        details: [{ field: 'body', message: expect.any(String) }],
      });
      return res.body.message as string;
    };

    it('invalid JSON: 400 in our words, not the parser internals', async () => {
      const message = expectShape(await raw('{"email": "a@b.org", ', { 'Content-Type': 'application/json' }), 400);
      expect(message).toBe('The body is not valid JSON');
    });

    it('JSON nested deeper than the limit: 400 before anything walks it', async () => {
      const deep = `{"email":${'['.repeat(1500)}${']'.repeat(1500)},"password":"x"}`;
      expectShape(await raw(deep, { 'Content-Type': 'application/json' }), 400);
      // Brackets inside strings are text, not nesting.
      const res = await raw(JSON.stringify({ email: 'not an email', password: '['.repeat(100) }), {
        'Content-Type': 'application/json',
      });
      expectFieldError(res, 'email');
    });

    it('a body over the limit and a 20 MB body: 413', async () => {
      // Plain node:http, which reads the answer that comes before the whole body is sent.
      const post = (body: Buffer) =>
        new Promise<{ status: number; body: unknown }>((resolve, reject) => {
          const url = new URL(`${stack.api.baseUrl}/auth/login`);
          const req = httpRequest(
            url,
            { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': body.length } },
            (res) => {
              let text = '';
              res.on('data', (chunk) => (text += chunk));
              res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
            },
          );
          req.on('error', reject);
          req.end(body);
        });
      const over = await post(Buffer.from(JSON.stringify({ email: 'a@b.org', password: 'x'.repeat(200_000) })));
      const huge = await post(Buffer.alloc(20 * 1024 * 1024, 0x20));
      for (const res of [over, huge]) {
        expect(res).toEqual({
          status: 413,
          body: {
            statusCode: 413,
            error: 'Payload Too Large',
            message: 'The body is too large',
            details: [{ field: 'body', message: 'is too large' }],
          },
        });
      }
    });

    it('an unknown Content-Encoding or charset: 415; a corrupt gzip: 400', async () => {
      expectShape(await raw('{}', { 'Content-Type': 'application/json', 'Content-Encoding': 'x-unknown' }), 415);
      expectShape(await raw('{}', { 'Content-Type': 'application/json; charset=klingon' }), 415);
      const gz = gzipSync(JSON.stringify({ email: 'a@b.org', password: 'x' }));
      expectShape(
        await raw(gz.subarray(0, gz.length - 8), { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }),
        400,
      );
      expectShape(
        await raw(Buffer.from('not gzip at all'), { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }),
        400,
      );
    });

    it('too many form fields: 413', async () => {
      const form = Array.from({ length: 1500 }, (_, i) => `f${i}=x`).join('&');
      expectShape(
        await stack.http().post('/rsvp/abc').set('Content-Type', 'application/x-www-form-urlencoded').send(form),
        413,
      );
    });
  });

  describe('input that slipped through (issue 19, item 6)', () => {
    const importCsv = (body: Buffer, contentType: string) =>
      stack.http().post('/members/import').set(secretariat).set('Content-Type', contentType).send(body);
    const savedWith = async (email: string) => {
      const rows = await stack.db
        .select({ id: members.id, name: members.name })
        .from(members)
        .where(eq(members.email, email));
      const sent = await stack.db.select({ id: notices.id }).from(notices).where(eq(notices.toEmail, email));
      return { members: rows, notices: sent };
    };

    it('a Latin-1 CSV with no charset: 415 naming UTF-8, nothing saved, no activation email', async () => {
      const email = uniqueEmail('latin1');
      const csv = Buffer.from(`email,name,category\n${email},Zo\u00eb Latin,prison-gp\n`, 'latin1');
      const res = await importCsv(csv, 'text/csv');
      expect(res.status).toBe(415);
      expect(res.body).toMatchObject({ statusCode: 415, details: [{ field: 'body' }] });
      expect(res.body.message).toMatch(/UTF-8/);
      expect(res.body.message).toMatch(/charset=windows-1252/);
      expect(await savedWith(email)).toEqual({ members: [], notices: [] });
    });

    it('a CSV is read in its declared charset, or from its byte order mark', async () => {
      const text = (email: string) => `email,name,category\n${email},Zo\u00eb Charset,prison-gp\n`;
      const encodings: [string, (t: string) => Buffer][] = [
        ['text/csv; charset=windows-1252', (t) => Buffer.from(t, 'latin1')],
        ['text/csv', (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')])],
        ['text/csv', (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t)])],
      ];
      for (const [type, encode] of encodings) {
        const email = uniqueEmail('charset');
        const res = await importCsv(encode(text(email)), type);
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({ created: 1, failed: 0 });
        expect((await savedWith(email)).members.map((m) => m.name)).toEqual(['Zo\u00eb Charset']);
      }
    });

    it('a name of only spaces or with bidirectional controls: 400 naming it, in every write of a name', async () => {
      const s = secretariat;
      const created = await createMember(stack.db);
      for (const bad of [
        '   ',
        '\u3000',
        '\u3000 \u00a0',
        'Ann \u202eeeL',
        '\u2066Ann\u2069',
        'Ann\u200f',
        'Ann\u061c',
      ]) {
        expectFieldError(await stack.http().patch('/me').set(member).send({ name: bad }), 'name');
        expectFieldError(
          await stack.http().post('/members').set(s).send({ email: uniqueEmail(), name: bad, category: 'prison-gp' }),
          'name',
        );
        expectFieldError(await stack.http().patch(`/members/${created.id}`).set(s).send({ name: bad }), 'name');
        expectFieldError(await stack.http().patch('/regions/london').set(s).send({ name: bad }), 'name');
        expectFieldError(await stack.http().patch('/categories/prison-gp').set(s).send({ name: bad }), 'name');
        expectFieldError(
          await stack
            .http()
            .post('/meetings')
            .set(s)
            .send({ title: bad, kind: 'hub', startsAt: '2031-06-10T10:00', endsAt: '2031-06-10T12:00' }),
          'title',
        );
      }
      const email = uniqueEmail('bidi');
      const res = await importCsv(Buffer.from(`email,name,category\n${email},"Ann \u202eeeL",prison-gp\n`), 'text/csv');
      expect(res.body.rows[0]).toMatchObject({ status: 'error', errors: [{ field: 'name' }] });
      const blank = await importCsv(Buffer.from(`email,name,category\n${email},"\u3000",prison-gp\n`), 'text/csv');
      expect(blank.body.rows[0]).toMatchObject({ status: 'error', errors: [{ field: 'name' }] });
      expect(await savedWith(email)).toEqual({ members: [], notices: [] });
      const [kept] = await stack.db.select({ name: members.name }).from(members).where(eq(members.id, created.id));
      expect(kept.name).toBe(created.name);
    });

    it('PATCH /me with a contactVisibility of an unknown shape: 400 naming it', async () => {
      for (const shape of [
        { mobile: 'members' },
        'members',
        ['members'],
        [{ email: 'members' }],
        { email: { to: 'members' } },
        7,
      ]) {
        const res = await stack.http().patch('/me').set(member).send({ contactVisibility: shape });
        expect({ shape, status: res.status }).toEqual({ shape, status: 400 });
        expect(res.body.details.map((d: { field: string }) => d.field.split(/[.[]/)[0])).toContain('contactVisibility');
      }
    });

    it('a JSON route sent XML or plain text: 415, before anything is read', async () => {
      const xml = '<member><name>Ann</name></member>';
      for (const [type, body] of [
        ['application/xml', xml],
        ['text/plain', '{"name":"Plain Ann"}'],
        ['text/csv', 'name\nAnn'],
      ]) {
        for (const res of [
          await stack.http().patch('/me').set(member).set('Content-Type', type).send(body),
          await stack.http().post('/auth/login').set('Content-Type', type).send(body),
          await stack.http().post('/regions').set(secretariat).set('Content-Type', type).send(body),
        ]) {
          expect(res.status).toBe(415);
          expect(res.body).toMatchObject({ statusCode: 415, details: [{ field: 'body' }] });
          expect(res.body.message).toMatch(/application\/json/);
        }
      }
      // The CSV import takes CSV, not JSON.
      const json = await importCsv(Buffer.from('{"email":"a@b.org"}'), 'application/json');
      expect(json.status).toBe(415);
      expect(json.body.message).toMatch(/text\/csv/);
    });

    it('a meeting at a time the UK clocks skip: 400 saying they go forward then', async () => {
      const meeting = (startsAt: string, endsAt: string) =>
        stack
          .http()
          .post('/meetings')
          .set(secretariat)
          .send({ title: `Spring ${uniqueName('m')}`, kind: 'hub', startsAt, endsAt });
      const start = await meeting('2027-03-28T01:30', '2027-03-28T03:00');
      expectFieldError(start, 'startsAt');
      expect(start.body.details.find((d: { field: string }) => d.field === 'startsAt').message).toMatch(
        /clocks go forward/,
      );
      const end = await meeting('2027-03-28T00:30', '2027-03-28T01:00');
      expectFieldError(end, 'endsAt');
      // With an offset, the instant is exact whatever the clocks do.
      const exact = await meeting('2027-03-28T01:30:00Z', '2027-03-28T03:00:00+01:00').expect(201);
      expect(exact.body.startsAt).toBe('2027-03-28T02:30:00+01:00');
      // The hour the clocks go back comes twice: without an offset it is the first (BST) one.
      const autumn = await meeting('2027-10-31T01:30', '2027-10-31T03:00').expect(201);
      expect(autumn.body.startsAt).toBe('2027-10-31T01:30:00+01:00');
      const created = await meeting('2027-03-27T10:00', '2027-03-27T11:00').expect(201);
      expectFieldError(
        await stack
          .http()
          .patch(`/meetings/${created.body.id}`)
          .set(secretariat)
          .send({ startsAt: '2027-03-28T01:00' }),
        'startsAt',
      );
    });

    it('sign-in answers are never stored: Cache-Control no-store on login and refresh', async () => {
      const m = await createMember(stack.db, { password: 'a passphrase nobody guesses 19' });
      const login = await stack.http().post('/auth/login').send({ email: m.email, password: m.password }).expect(200);
      expect(login.headers['cache-control']).toBe('no-store');
      const refresh = await stack
        .http()
        .post('/auth/refresh')
        .send({ refreshToken: login.body.refreshToken })
        .expect(200);
      expect(refresh.headers['cache-control']).toBe('no-store');
      const refused = await stack
        .http()
        .post('/auth/login')
        .send({ email: m.email, password: 'not the password at all' });
      expect(refused.status).toBe(401);
      expect(refused.headers['cache-control']).toBe('no-store');
    });
  });

  describe('paths and field names that are not what they seem', () => {
    const expectNotFound = (res: request.Response) => {
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found', message: expect.any(String) });
      expect(Object.keys(res.body).sort()).toEqual(expect.arrayContaining(['error', 'message', 'statusCode']));
    };

    it('a %-escape that is not UTF-8 in a path: 404 in the error shape, for a route and for a web app file', async () => {
      expectNotFound(await stack.http().get('/meetings/%E0%A4%A').set(member));
      expectNotFound(await stack.http().get('/directory/members/x%ED%A0%80y').set(member));
      expectNotFound(await stack.http().get('/assets/%E0%A4%A.js').set('Accept', 'text/html'));
      expectNotFound(await stack.http().get('/%C0.svg'));
    });

    it('a control character in a path value names nothing: 404', async () => {
      expectNotFound(await stack.http().get('/meetings/%07%1B').set(member));
      expectNotFound(await stack.http().patch('/regions/lon%00don').set(secretariat).send({ name: 'London' }));
    });

    it('an unknown field named like a pattern, or sent as null, is that field, not a 500', async () => {
      const res = await stack
        .http()
        .patch('/regions/london')
        .set(secretariat)
        .send({ ')': null, 'a*(': 1, role: null });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([
        { field: ')', message: 'this field should not exist' },
        { field: 'a*(', message: 'this field should not exist' },
        { field: 'role', message: 'this field should not exist' },
      ]);
    });
  });
});
