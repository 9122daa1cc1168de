import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The web app is built into dist/web, which the API serves at `/`. */
export default defineConfig({
  root,
  base: '/',
  // The wording and London time the API and the emails use, imported file by file: those modules
  // need nothing of Node's, unlike the rest of the libs.
  resolve: {
    alias: [
      {
        find: /^@seg\/rules\/(.*)$/,
        replacement: `${fileURLToPath(new URL('../../libs/rules/src/', import.meta.url))}$1`,
      },
    ],
  },
  publicDir: 'public',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: true,
  },
  server: {
    // `npm run dev:web` beside a running API on :3000.
    proxy: Object.fromEntries(
      [
        '/auth',
        '/me',
        '/directory/members',
        '/directory/network',
        '/regions',
        '/categories',
        '/establishments',
        '/members',
        '/posts',
        '/meetings',
        '/audit',
        '/rsvp',
        '/health',
      ].map((p) => [p, 'http://localhost:3000']),
    ),
  },
});
