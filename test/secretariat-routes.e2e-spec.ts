import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { ROLES } from '@seg/auth';
import { Role } from '@seg/db';
import { randomUUID } from 'node:crypto';
import { ApiHarness } from './support/api-harness';
import { loggedIn } from './support/factories';
import { useStack } from './support/stack';

interface Route {
  method: string;
  path: string;
  roles: Role[] | undefined;
}

/** Every route of the running app with the roles its metadata asks for, found by walking the controllers. */
function routesOf(api: ApiHarness): Route[] {
  const reflector = new Reflector();
  const routes: Route[] = [];
  for (const module of api.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => unknown) | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const sub = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
        const path = ('/' + [base, sub].filter((p) => p && p !== '/').join('/')).replace(/\/+/g, '/');
        routes.push({
          method: RequestMethod[method].toLowerCase(),
          path,
          roles: reflector.getAllAndOverride<Role[]>(ROLES, [handler, controller]),
        });
      }
    }
  }
  return routes;
}

describe('secretariat routes', () => {
  const stack = useStack();

  it('every route restricted to the secretariat answers 403 to a member, and not to the secretariat', async () => {
    const restricted = routesOf(stack.api).filter(
      (r) => r.roles?.includes('secretariat') && !r.roles.includes('member'),
    );
    // The walk must find the routes we know of, so a broken walk cannot pass silently.
    const known = restricted.map((r) => `${r.method} ${r.path}`);
    expect(known).toEqual(
      expect.arrayContaining([
        'post /members',
        'patch /members/:id',
        'post /members/import',
        'get /members/export',
        'post /posts',
        'patch /posts/:id',
        'get /audit',
        'post /regions',
        'patch /categories/:id',
        'post /establishments',
      ]),
    );

    const { auth: member } = await loggedIn(stack.db, stack.config, { role: 'member' });
    const { auth: secretariat } = await loggedIn(stack.db, stack.config, { role: 'secretariat' });
    const failures: string[] = [];
    for (const route of restricted) {
      const url = route.path.replace(/:[A-Za-z]+/g, () => randomUUID());
      const asMember = await (stack.http() as unknown as Record<string, (u: string) => import('supertest').Test>)
        [route.method](url)
        .set(member)
        .send({});
      if (asMember.status !== 403)
        failures.push(`${route.method} ${route.path} answered ${asMember.status} to a member`);
      const asSecretariat = await (stack.http() as unknown as Record<string, (u: string) => import('supertest').Test>)
        [route.method](url)
        .set(secretariat)
        .send({});
      if (asSecretariat.status === 403 || asSecretariat.status >= 500)
        failures.push(`${route.method} ${route.path} answered ${asSecretariat.status} to the secretariat`);
    }
    expect(failures).toEqual([]);
  });
});
