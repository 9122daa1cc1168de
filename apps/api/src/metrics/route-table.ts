import { RequestMethod } from '@nestjs/common';

/** A route as its controller declares it: `GET /members/:id`. */
export interface DeclaredRoute {
  method: RequestMethod;
  path: string;
}

interface Template {
  method: RequestMethod;
  label: string;
  segments: (string | null)[];
}

/** The label of a request that matches no declared route (the web app's pages, unknown paths). */
export const OTHER_ROUTE = 'other';

/**
 * Names the route a request path matched as its template (`/members/:id`), so request figures
 * are counted per route and not per member id. A literal segment wins over a parameter, as in
 * the router: `/members/export` before `/members/:id`.
 */
export class RouteTable {
  private readonly templates: Template[];

  constructor(routes: DeclaredRoute[]) {
    this.templates = routes.map(({ method, path }) => {
      const label = `/${path.split('/').filter(Boolean).join('/')}`;
      const segments = label === '/' ? [] : label.slice(1).split('/');
      return { method, label, segments: segments.map((s) => (s.startsWith(':') ? null : s)) };
    });
  }

  /** The template of the route a request went to, or OTHER_ROUTE. */
  label(method: string, url: string): string {
    const path = url.split('?')[0];
    let parts: string[];
    try {
      parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      return OTHER_ROUTE;
    }
    // HEAD is answered by the GET route.
    const wanted = method === 'HEAD' ? 'GET' : method;
    let best: Template | null = null;
    for (const template of this.templates) {
      if (template.segments.length !== parts.length) continue;
      if (template.method !== RequestMethod.ALL && RequestMethod[template.method] !== wanted) continue;
      if (!template.segments.every((s, i) => s === null || s === parts[i])) continue;
      if (!best || moreLiteral(template, best)) best = template;
    }
    return best?.label ?? OTHER_ROUTE;
  }
}

/** Whether `a` has a literal segment where `b`, otherwise alike up to there, has a parameter. */
function moreLiteral(a: Template, b: Template): boolean {
  for (let i = 0; i < a.segments.length; i++) {
    if ((a.segments[i] === null) !== (b.segments[i] === null)) return a.segments[i] !== null;
  }
  return false;
}
