import { Inject, Injectable, Logger, NestMiddleware } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import accepts from 'accepts';
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import send from 'send';

/** Paths the API itself answers with a page or a document, never the web app. */
const API_PAGES = /^\/(docs|docs-json|health|metrics|rsvp|unsubscribe|auth)(\/|$)/;
/** A file name at the end of the path: `/favicon.svg`, `/assets/index-1a2b.js`. */
const FILE = /\/[^/]+\.[a-z0-9]+$/i;

/**
 * Serves the built web app: its files, and index.html for any other page a browser asks for
 * (the app routes on the client). A request is a browser's page load when it prefers HTML over
 * JSON and carries no access token; API clients ask for JSON (or anything), or send their token,
 * so API routes keep answering them. It works on Node's request and response, which either HTTP
 * adapter hands to middleware, with the packages Express itself uses for files (send) and Accept.
 */
@Injectable()
export class WebAppMiddleware implements NestMiddleware {
  private readonly logger = new Logger(WebAppMiddleware.name);
  private readonly root: string;
  private readonly built: boolean;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.root = resolve(config.web.dir);
    this.built = existsSync(resolve(this.root, 'index.html'));
    if (!this.built) this.logger.warn(`No web app in ${config.web.dir}: run npm run build:web to serve it at /`);
  }

  use(req: IncomingMessage & { originalUrl?: string }, res: ServerResponse, next: (error?: unknown) => void): void {
    if (!this.built || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    const path = new URL(req.originalUrl ?? req.url ?? '/', 'http://x').pathname;
    if (API_PAGES.test(path)) return next();

    if (FILE.test(path)) {
      // Hashed build files never change; anything else (favicon) is checked again daily.
      const immutable = path.startsWith('/assets/');
      send(req, path, { root: this.root, dotfiles: 'deny', maxAge: immutable ? '1y' : '1d', immutable })
        .on('error', () => {
          if (!res.headersSent) next();
        })
        .on('directory', () => next())
        .pipe(res);
      return;
    }

    // A browser's page load carries no access token: a call that does is the API's (the region's
    // sheet, asked for as a page to print by an integration, shares its path with the web app's).
    if (req.headers.authorization) return next();
    // Only an Accept naming HTML (or text/*) can prefer it over JSON; most API calls name neither.
    if (!/html|text\/\*/i.test(req.headers.accept ?? '') || accepts(req).type(['json', 'html']) !== 'html')
      return next();
    res.setHeader('Cache-Control', 'no-cache');
    send(req, '/index.html', { root: this.root })
      .on('error', (error: unknown) => {
        if (!res.headersSent) next(error);
      })
      .pipe(res);
  }
}
