import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { DOCUMENT_FILE } from './openapi-contract';

/**
 * Requests for every operation of the OpenAPI document, generated from its own schemas: mostly
 * valid shapes, with hostile values mixed in at every leaf (control characters, lone surrogates,
 * wrong types, nulls, huge numbers, tampered cursors), fields left out and fields added.
 */

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  pattern?: string;
  example?: unknown;
};

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  method: string;
  template: string;
  parameters: Parameter[];
  body: { type: string; schema?: Schema } | null;
  secured: boolean;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema?: Schema }> }; security?: unknown[] }
    >
  >;
  components: { schemas: Record<string, Schema> };
}

export function loadOperations(): { document: OpenApiDocument; operations: Operation[] } {
  const document = JSON.parse(readFileSync(DOCUMENT_FILE, 'utf8')) as OpenApiDocument;
  const operations = Object.entries(document.paths).flatMap(([template, item]) =>
    Object.entries(item).map(([method, op]) => {
      const content = op.requestBody?.content ?? {};
      const type = Object.keys(content)[0];
      return {
        method,
        template,
        parameters: op.parameters ?? [],
        body: type ? { type, schema: content[type].schema } : null,
        secured: Boolean(op.security?.length),
      };
    }),
  );
  return { document, operations };
}

/** Strings that broke, or might break, something somewhere. */
const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'Ann\u0000',
  '\ud800',
  '\ud800@x.org',
  'a\udc00b',
  '\u202eevil\u202c',
  'e\u0301\u0301\u0301',
  '\r\nX-Injected: 1',
  'tab\there',
  '%00',
  '%E0%A4%A',
  '../../etc/passwd',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '0000-01-01',
  '0001-01-01T00:00',
  '9999-12-31T25:61',
  '2026-02-30',
  '["x","y"]',
  '[1,2]',
  'eyJ4IjoxfQ.AAAAAAAAAAAAAAAAAAAAAA',
  'abc.def',
  'NaN',
  '-0',
  '1e309',
  '👩🏽‍⚕️',
  'x'.repeat(5_000),
];

const hostileString = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 1 },
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 4 },
  {
    arbitrary: fc.constantFrom<unknown>(null, true, false, 0, -1, 0.5, 2 ** 53, 1e308, -1e308, [], {}, [null], {
      $gt: '',
    }),
    weight: 2,
  },
  { arbitrary: fc.integer(), weight: 1 },
);

/** Stable codes of the seeded reference data (API.md), by the field that names one: valid bodies name things that exist. */
const KNOWN_CODES: Record<string, string[]> = {
  type: ['prison', 'secure-hospital'],
  region: ['london', 'wales'],
  regionCode: ['london', 'wales'],
  category: ['prison-gp', 'patient-rep'],
  nation: ['England', 'Wales'],
};

export class SchemaArbitraries {
  constructor(private readonly document: OpenApiDocument) {}

  /**
   * A value for the schema. `valid`: the documented shape throughout, to reach the handlers;
   * `mixed`: hostile at any leaf now and then, fields left out and fields added.
   */
  of(schema: Schema | undefined, mode: 'valid' | 'mixed', depth = 0): fc.Arbitrary<unknown> {
    const valid = this.valid(schema ?? {}, mode, depth);
    return mode === 'valid' ? valid : fc.oneof({ arbitrary: valid, weight: 5 }, { arbitrary: hostileValue, weight: 1 });
  }

  /**
   * A body of the documented shape with one documented field (sent or not) set to null or a
   * hostile value: a bad field behind otherwise good ones reaches the handler and the database.
   */
  spoiled(schema: Schema | undefined): fc.Arbitrary<unknown> {
    const resolved = this.resolve(schema ?? {});
    const names = Object.keys(resolved.properties ?? {});
    const valid = this.valid(resolved, 'valid', 0);
    if (!names.length) return valid;
    return fc
      .tuple(
        valid,
        fc.constantFrom(...names),
        fc.oneof({ arbitrary: fc.constant(null), weight: 2 }, { arbitrary: hostileValue, weight: 3 }),
      )
      .map(([value, name, bad]) =>
        value && typeof value === 'object' ? { ...(value as object), [name]: bad } : value,
      );
  }

  private resolve(schema: Schema): Schema {
    let current = schema;
    for (let i = 0; current.$ref && i < 10; i++)
      current = this.document.components.schemas[current.$ref.split('/').pop()!] ?? {};
    return current;
  }

  private valid(raw: Schema, mode: 'valid' | 'mixed', depth: number): fc.Arbitrary<unknown> {
    const schema = this.resolve(raw);
    const nullable = (arb: fc.Arbitrary<unknown>) => (schema.nullable ? fc.option(arb, { nil: null }) : arb);
    if (schema.enum?.length) return nullable(fc.constantFrom(...schema.enum));
    const choices = schema.oneOf ?? schema.anyOf;
    if (choices?.length) return nullable(fc.oneof(...choices.map((s) => this.of(s, mode, depth + 1))));
    if (schema.allOf?.length)
      return nullable(
        this.valid(Object.assign({}, ...schema.allOf.map((s) => this.resolve(s))) as Schema, mode, depth),
      );
    switch (schema.type) {
      case 'string':
        return nullable(this.string(schema));
      case 'integer':
        return nullable(fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 100_000 }));
      case 'number':
        return nullable(fc.double({ noNaN: true, min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6 }));
      case 'boolean':
        return nullable(fc.boolean());
      case 'array':
        return nullable(
          depth > 3 ? fc.constant([]) : fc.array(this.of(schema.items, mode, depth + 1), { maxLength: 3 }),
        );
      default:
        if (!schema.properties || depth > 3) return nullable(fc.constant({}));
        return nullable(this.object(schema, mode, depth));
    }
  }

  private string(schema: Schema): fc.Arbitrary<unknown> {
    // The document's own example is a value the route takes.
    if (typeof schema.example === 'string')
      return fc.oneof(
        { arbitrary: fc.constant(schema.example), weight: 2 },
        { arbitrary: this.plainString(schema), weight: 1 },
      );
    return this.plainString(schema);
  }

  private plainString(schema: Schema): fc.Arbitrary<unknown> {
    if (typeof schema.pattern === 'string')
      return fc.stringMatching(new RegExp(schema.pattern)).filter((v) => v.length <= (schema.maxLength ?? 1000));
    switch (schema.format) {
      case 'uri':
        return fc.webUrl();
      case 'uuid':
        return fc.uuid();
      case 'email':
        return fc.emailAddress();
      case 'date':
        return fc
          .date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10));
      case 'date-time':
        return fc
          .date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString());
      default:
        return fc.string({ maxLength: Math.min(schema.maxLength ?? 40, 40) });
    }
  }

  /** Required fields there (mostly, when mixed), optional ones sometimes, and when mixed now and then a field nobody asked for. */
  private object(schema: Schema, mode: 'valid' | 'mixed', depth: number): fc.Arbitrary<unknown> {
    const properties = Object.fromEntries(
      Object.entries(schema.properties!).map(([name, s]) => [
        name,
        mode === 'valid' && KNOWN_CODES[name] ? fc.constantFrom(...KNOWN_CODES[name]) : this.of(s, mode, depth + 1),
      ]),
    );
    const required = (schema.required ?? []).filter((name) => name in properties);
    const complete = fc.record(properties, { requiredKeys: required });
    if (mode === 'valid') return complete;
    return fc
      .tuple(
        fc.oneof(
          { arbitrary: complete, weight: 4 },
          { arbitrary: fc.record(properties, { requiredKeys: [] }), weight: 1 },
        ),
        // Stranger names too: `)` once reached a RegExp built from the field name.
        fc.option(
          fc.dictionary(
            fc.oneof(
              fc.constantFrom('extra', '__proto__', 'constructor', 'role', 'id', ')', 'a*(', '[x'),
              hostileString,
            ),
            hostileValue,
            { maxKeys: 2 },
          ),
          { freq: 4 },
        ),
      )
      .map(([value, extra]) => (extra ? { ...(value as object), ...extra } : value));
  }
}

/** Query strings written by hand: malformed escapes and repeated keys that a URL builder would tidy away. */
export const RAW_QUERY_PIECES = [
  'limit=abc',
  'limit=-1',
  'limit=1e9',
  'limit=',
  'cursor=%FF%FE',
  'cursor=["x","y"]',
  'q=%00',
  'q=%',
  'q=%E0%A4%A',
  'limit=1&limit=2',
  'a[b][c][d]=1',
  '%zz=1',
];

/** Encodes a query value the way a browser would, keeping lone surrogates as the server would see them replaced. */
export function queryString(values: Record<string, unknown>, raw: string | null): string {
  const pairs = Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(
      ([k, v]) =>
        `${encodeURIComponent(k)}=${encodeURIComponent(wellFormed(typeof v === 'string' ? v : JSON.stringify(v)))}`,
    );
  if (raw) pairs.push(raw);
  return pairs.length ? `?${pairs.join('&')}` : '';
}

/** A lone surrogate cannot be percent-encoded; a browser sends U+FFFD in its place. */
function wellFormed(value: string): string {
  return value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** Signs of a stack trace or an internal path in an answer. */
export const STACK_TRACE =
  /\bat [\w$.<>]+ \(|node_modules|\.ts:\d+:\d+|\.js:\d+:\d+|QueryFailedError|DrizzleQueryError/;

/** What is wrong with a 4xx body, measured against the error shape of API.md, or null. */
export function errorShapeProblem(status: number, body: unknown): string | null {
  if (!body || typeof body !== 'object') return 'no JSON error body';
  const b = body as Record<string, unknown>;
  if (b.statusCode !== status) return `statusCode ${String(b.statusCode)} is not the status ${status}`;
  if (typeof b.error !== 'string') return 'no error';
  if (typeof b.message !== 'string') return 'message is not a string';
  if (b.details !== undefined) {
    if (!Array.isArray(b.details)) return 'details is not a list';
    if (b.details.some((d) => !d || typeof d.field !== 'string' || typeof d.message !== 'string'))
      return 'a detail lacks field or message';
  }
  return null;
}
