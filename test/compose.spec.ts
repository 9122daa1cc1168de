import { SECRET_SETTINGS, SETTING_NAMES } from '@seg/config';
import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

/** The part of .env.example read by docker-compose.yml alone, after this line. */
const COMPOSE_ONLY_MARK = '# Read by docker-compose.yml only, not by the apps.';

/** The names .env.example lists, the apps' settings and compose's own. */
function envExample(): { settings: string[]; composeOnly: string[] } {
  const [apps, compose] = read('.env.example').split(COMPOSE_ONLY_MARK);
  const names = (text: string) => [...text.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
  return { settings: names(apps), composeOnly: names(compose ?? '') };
}

interface ComposeService {
  image?: string;
  build?: unknown;
  profiles?: string[];
  env_file?: string | string[];
  environment?: Record<string, string>;
  ports?: string[];
  secrets?: string[];
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  secrets?: Record<string, { file: string }>;
}

/** The file as written, its `<<` merges applied (as compose applies them). */
const compose = () => load(read('docker-compose.yml'), { schema: CORE_SCHEMA.withTags(mergeTag) }) as ComposeFile;

/** Services that run the app image: they must get every setting. */
const APP_SERVICES = ['api', 'worker', 'demo'];

/**
 * Debian's docker-compose (the Python one) validates the file against the Compose Specification
 * and resolves it; it needs no Docker engine. Run in a copy of the project's compose files with
 * .env.example as the .env, as an operator starts.
 */
function resolvedCompose(profiles: string[]): ComposeFile {
  const dir = mkdtempSync(path.join(tmpdir(), 'seg-compose-'));
  try {
    cpSync(path.join(root, 'docker-compose.yml'), path.join(dir, 'docker-compose.yml'));
    cpSync(path.join(root, 'docker'), path.join(dir, 'docker'), { recursive: true });
    writeFileSync(path.join(dir, '.env'), read('.env.example'));
    const args = [...profiles.flatMap((p) => ['--profile', p]), 'config'];
    let out: string;
    try {
      out = execFileSync('docker-compose', args, {
        cwd: dir,
        encoding: 'utf8',
        env: { PATH: process.env.PATH },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      const e = error as NodeJS.ErrnoException & { stderr?: string };
      if (e.code === 'ENOENT') throw new Error("docker-compose is missing: apt-get install docker-compose (Debian's)");
      throw new Error(`docker-compose config refused the file:\n${e.stderr}`);
    }
    return load(out) as ComposeFile;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the list of settings', () => {
  it('is the same in libs/config and .env.example, so a new setting cannot be missed', () => {
    expect([...envExample().settings].sort()).toEqual([...SETTING_NAMES].sort());
  });

  it('lists every secret in its file form too', () => {
    for (const name of SECRET_SETTINGS) expect(SETTING_NAMES).toContain(`${name}_FILE`);
  });
});

describe('docker-compose.yml', () => {
  let resolved: ComposeFile;

  it('is valid for the Compose Specification, with every profile', () => {
    resolved = resolvedCompose(['dev', 'demo']);
    expect(Object.keys(resolved.services).sort()).toEqual([
      'api',
      'demo',
      'dovecot',
      'mailpit',
      'postgres',
      'redis',
      'worker',
    ]);
  });

  it('gives every app container every setting of .env (env_file), and sets nothing else', () => {
    const file = compose();
    const { settings, composeOnly } = envExample();
    for (const name of APP_SERVICES) {
      const service = file.services[name];
      expect({ name, envFile: service.env_file }).toEqual({ name, envFile: '.env' });
      // What compose sets itself (the stack's wiring) must be a setting the apps read.
      for (const key of Object.keys(service.environment ?? {})) expect(SETTING_NAMES).toContain(key);
    }
    for (const name of APP_SERVICES) {
      const environment = resolved.services[name].environment ?? {};
      for (const setting of settings)
        expect({ name, setting, reaches: setting in environment }).toMatchObject({ reaches: true });
    }
    // Each variable compose interpolates is a setting or one of compose's own, which it uses.
    const interpolated = [...read('docker-compose.yml').matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]);
    for (const name of interpolated) expect([...settings, ...composeOnly]).toContain(name);
    for (const name of composeOnly) expect(interpolated).toContain(name);
  });

  it('reads the secrets it names from files mounted as Docker secrets', () => {
    const file = compose();
    for (const name of APP_SERVICES) {
      const service = file.services[name];
      for (const [key, value] of Object.entries(service.environment ?? {}).filter(([k]) => k.endsWith('_FILE'))) {
        const secret = /^\/run\/secrets\/([a-z_]+)$/.exec(value)?.[1];
        expect({ key, secret }).toEqual({ key, secret: expect.any(String) });
        expect(service.secrets).toContain(secret);
        expect(Object.keys(file.secrets ?? {})).toContain(secret);
      }
    }
  });

  it('publishes only the API, on loopback by default; Mailpit and Dovecot only in the dev profile, on loopback', () => {
    const published = (f: ComposeFile) =>
      Object.entries(f.services)
        .filter(([, s]) => s.ports?.length)
        .map(([name, s]) => ({ name, ports: s.ports }));
    const byDefault = Object.fromEntries(Object.entries(resolved.services).filter(([, s]) => !s.profiles));
    expect(published({ services: byDefault })).toEqual([
      { name: 'api', ports: [expect.stringMatching(/^127\.0\.0\.1:3000:3000\b/)] },
    ]);
    expect(published(resolved).map((p) => p.name)).toEqual(['api', 'dovecot', 'mailpit']);
    for (const { ports } of published(resolved)) for (const port of ports!) expect(port).toMatch(/^127\.0\.0\.1:/);
    for (const name of ['mailpit', 'dovecot']) expect(resolved.services[name].profiles).toEqual(['dev']);
  });

  it('pins every image by version, and by digest outside the dev profile', () => {
    const file = compose();
    for (const [name, service] of Object.entries(file.services)) {
      if (!service.image || APP_SERVICES.includes(name)) continue;
      const pinned = service.profiles?.includes('dev')
        ? /^[\w./-]+:v?\d+\.\d+\.\d+(\.\d+)?(-[\w.]+)?(@sha256:[0-9a-f]{64})?$/
        : /^[\w./-]+:\d+\.\d+(\.\d+)?(-[\w.]+)?@sha256:[0-9a-f]{64}$/;
      expect({ name, image: service.image }).toEqual({ name, image: expect.stringMatching(pinned) });
    }
    for (const from of read('Dockerfile').matchAll(/^FROM\s+(\S+)/gm)) {
      expect(from[1]).toMatch(/^node:\d+\.\d+\.\d+-[\w.-]+@sha256:[0-9a-f]{64}$/);
    }
  });
});
