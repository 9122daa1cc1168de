import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** The project's `drizzle/` folder, found upwards from here (source and build trees differ in depth). */
export function drizzleFolder(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'drizzle');
    if (existsSync(path.join(candidate, 'meta', '_journal.json'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error('drizzle/ migrations folder not found above ' + __dirname);
  }
}
