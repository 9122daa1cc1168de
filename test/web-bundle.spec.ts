import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const WEB = resolve(__dirname, '../dist/web');
const BUDGET = 200 * 1024;

/** What a first visit downloads: the scripts index.html loads or preloads, gzipped. */
describe('web app size', () => {
  it('keeps the JavaScript the first page loads under 200 KB gzipped, the secretariat screens apart', () => {
    if (!existsSync(resolve(WEB, 'index.html')))
      throw new Error('The web app is not built: run npm run build:web (npm test does)');
    const html = readFileSync(resolve(WEB, 'index.html'), 'utf8');
    const scripts = [
      ...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/([^"]+\.js)"/g),
    ].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    const gzipped = scripts.reduce(
      (sum, file) => sum + gzipSync(readFileSync(resolve(WEB, file)), { level: 9 }).length,
      0,
    );
    expect(scripts.some((s) => s.includes('secretariat'))).toBe(false);
    expect(gzipped).toBeLessThan(BUDGET);
  });
});
