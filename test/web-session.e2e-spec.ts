import { createMember } from './support/factories';
import { useStack } from './support/stack';
import { uniqueName } from './support/test-config';

const PASSWORD = 'a long and unguessable passphrase 42';
const WEB = { 'X-SEG-Web': '1' };

/** The cookie named seg_refresh from a response, with its attributes. */
function sessionCookie(res: { headers: Record<string, unknown> }): string | undefined {
  const cookies = (res.headers['set-cookie'] as string[] | undefined) ?? [];
  return cookies.find((c) => c.startsWith('seg_refresh='));
}

const cookieValue = (setCookie: string) => setCookie.split(';')[0];

describe('web session routes', () => {
  const stack = useStack();
  const email = `${uniqueName('web')}@example.org`.toLowerCase();

  beforeAll(async () => {
    await createMember(stack.db, { email, name: 'Wendy Web', password: PASSWORD });
  });

  it('refuses a call without the web app header, so another site cannot log in through a form', async () => {
    const res = await stack.http().post('/auth/web/login').send({ email, password: PASSWORD }).expect(403);
    expect(sessionCookie(res)).toBeUndefined();
  });

  it('keeps the JSON contract: bad input is a 400 naming the field', async () => {
    const res = await stack.http().post('/auth/web/login').set(WEB).send({ email: 'not-an-email' }).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['email', 'password']),
    );
  });

  it('logs in with the refresh token in an httpOnly, Secure, SameSite=Strict cookie, never in the body', async () => {
    const res = await stack.http().post('/auth/web/login').set(WEB).send({ email, password: PASSWORD }).expect(200);
    expect(Object.keys(res.body).sort()).toEqual(['accessToken', 'expiresIn', 'user']);
    expect(res.body.user).toMatchObject({ email, name: 'Wendy Web', role: 'member' });
    const cookie = sessionCookie(res)!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/auth\/web/);
    // Kept as long as the login lasts (30 days from sign-in), give or take the request.
    expect(Number(/Max-Age=(\d+)/.exec(cookie)?.[1])).toBeGreaterThan(stack.config.auth.refreshTtlSeconds - 60);
    expect(res.headers['cache-control']).toBe('no-store');
    await stack.http().get('/auth/sessions').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
  });

  it('rotates the cookie on refresh; presenting the old one again ends the whole login', async () => {
    const login = await stack.http().post('/auth/web/login').set(WEB).send({ email, password: PASSWORD }).expect(200);
    const first = cookieValue(sessionCookie(login)!);
    const refreshed = await stack.http().post('/auth/web/refresh').set(WEB).set('Cookie', first).expect(200);
    const second = cookieValue(sessionCookie(refreshed)!);
    expect(second).not.toBe(first);
    expect(refreshed.body.accessToken).toEqual(expect.any(String));

    const replay = await stack.http().post('/auth/web/refresh').set(WEB).set('Cookie', first).expect(401);
    expect(sessionCookie(replay)).toMatch(/seg_refresh=;/);
    await stack.http().post('/auth/web/refresh').set(WEB).set('Cookie', second).expect(401);
  });

  it('answers 401 to a refresh without a cookie', async () => {
    await stack.http().post('/auth/web/refresh').set(WEB).expect(401);
  });

  it('logs out: the cookie is dropped and can no longer refresh', async () => {
    const login = await stack.http().post('/auth/web/login').set(WEB).send({ email, password: PASSWORD }).expect(200);
    const cookie = cookieValue(sessionCookie(login)!);
    await stack.http().post('/auth/web/logout').set(WEB).set('Cookie', cookie).expect(401);
    const out = await stack
      .http()
      .post('/auth/web/logout')
      .set(WEB)
      .set('Cookie', cookie)
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .expect(204);
    expect(sessionCookie(out)).toMatch(/seg_refresh=;/);
    await stack.http().post('/auth/web/refresh').set(WEB).set('Cookie', cookie).expect(401);
  });
});
