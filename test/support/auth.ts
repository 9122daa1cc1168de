import { JwtService } from '@nestjs/jwt';
import { ACCESS_TOKEN } from '@seg/auth';
import { Stack } from './stack';
import { TEST_JWT_SECRET } from './test-config';

/** The password the auth tests give their members. */
export const PASSWORD = 'correct horse battery staple';

/** An access token with the given claims, signed as the API signs (or with another secret). */
export function signAccess(claims: Record<string, unknown>, secret = TEST_JWT_SECRET): string {
  return new JwtService().sign(
    { typ: ACCESS_TOKEN.type, ...claims },
    { secret, algorithm: 'HS256', issuer: ACCESS_TOKEN.issuer, audience: ACCESS_TOKEN.audience },
  );
}

export function withoutRequestId(body: Record<string, unknown>): Record<string, unknown> {
  const { requestId: _ignored, ...rest } = body;
  return rest;
}

/** The auth routes a test calls most, on a stack's API. */
export function authRoutes(stack: Stack) {
  return {
    login: (email: string, password: string) => stack.http().post('/auth/login').send({ email, password }),
    refresh: (refreshToken: string) => stack.http().post('/auth/refresh').send({ refreshToken }),
    sessions: (accessToken: string) => stack.http().get('/auth/sessions').set('Authorization', `Bearer ${accessToken}`),
  };
}

/**
 * Forgets the failed logins counted against client addresses (all tests come from loopback), so
 * that one test's failures never throttle the next. Use in afterEach.
 */
export async function forgetAddressFailures(stack: Stack): Promise<void> {
  await stack.forgetRedisKeys(`${stack.config.queuePrefix}:auth:login-fail:address:*`);
}

/** The one-time token of the link to `path` in the `count`th email to `email`, checked in both parts. */
export async function linkTokenInEmail(stack: Stack, email: string, path: string, count = 1): Promise<string> {
  await stack.sink.waitFor(() => stack.sink.to(email).length >= count);
  const mail = stack.sink.to(email)[count - 1];
  const link = mail.parsed
    .text!.match(/https?:\/\/\S+/g)!
    .map((l) => new URL(l))
    .find((l) => l.pathname === path);
  expect(link).toBeDefined();
  expect(`${link!.origin}`).toBe(stack.config.publicUrl);
  const token = link!.searchParams.get('token')!;
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(mail.parsed.html).toContain(`${path}?token=${token}`);
  return token;
}
