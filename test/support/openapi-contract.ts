import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { join } from 'node:path';

/**
 * Checks every answer the API gives in the e2e tests against the committed OpenAPI document:
 * the status must be one the route documents, and a JSON body must match the documented schema
 * (no undocumented fields either). A mismatch fails the test that made the request.
 */

export const DOCUMENT_FILE = join(__dirname, '../../apps/api/openapi.json');

type Schema = Record<string, unknown>;
interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  params: number;
  operation: Operation;
}

/** OpenAPI 3.0 schemas say `nullable`; JSON Schema says `null`. Objects get no fields they do not document. */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const { nullable, example: _example, ...rest } = schema as Schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(rest)) {
    if (key === 'properties')
      out[key] = Object.fromEntries(Object.entries(value as Schema).map(([name, s]) => [name, toJsonSchema(s)]));
    else if (key === '$ref') out[key] = `api${value as string}`;
    else out[key] = toJsonSchema(value);
  }
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined)
    out.additionalProperties = false;
  if (!nullable) return out;
  if (out.$ref || out.allOf || out.oneOf || out.anyOf) return { anyOf: [out, { type: 'null' }] };
  if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  if (typeof out.type === 'string') out.type = [out.type, 'null'];
  return out;
}

export class ContractChecker {
  private readonly routes: Route[];
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly validators = new Map<Schema, ValidateFunction>();

  constructor(document: { paths: Record<string, Record<string, Operation>>; components: Schema }) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'api', components: toJsonSchema(document.components) });
    this.routes = Object.entries(document.paths)
      .flatMap(([template, item]) =>
        Object.entries(item).map(([method, operation]) => {
          const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
          return {
            method: method.toUpperCase(),
            template,
            pattern: new RegExp(`^${source}$`),
            params: (template.match(/\{/g) ?? []).length,
            operation,
          };
        }),
      )
      // A literal segment wins over a parameter: /members/export before /members/{id}.
      .sort((a, b) => a.params - b.params);
  }

  /** What is wrong with this answer, or null; answers to paths the document does not know are not checked. */
  check(method: string, url: string, status: number, contentType: string | undefined, body: Buffer): string | null {
    const path = url.split('?')[0];
    const route = this.routes.find((r) => r.method === method && r.pattern.test(path));
    if (!route) return null;
    const where = `${method} ${path} (${route.template}) answered ${status}`;
    const documented = route.operation.responses[String(status)] ?? route.operation.responses.default;
    if (!documented)
      return `${where}, which is not documented (documented: ${Object.keys(route.operation.responses).join(', ')})`;
    // A redirect's body is Express's note for people; only its status counts.
    if (!body.length || (status >= 300 && status < 400)) return null;
    const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
    const media = documented.content?.[type];
    if (!media)
      return `${where} with a ${type || 'untyped'} body; documented: ${Object.keys(documented.content ?? {}).join(', ') || 'no body'}`;
    if (type !== 'application/json' || !media.schema) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return `${where} with a body that is not JSON`;
    }
    const validate = this.validator(media.schema);
    if (validate(parsed)) return null;
    const problems = (validate.errors ?? [])
      .slice(0, 5)
      .map(
        (e) =>
          `${e.instancePath || '(body)'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` "${e.params.additionalProperty}"` : ''}`,
      );
    return `${where} with a body that does not match its schema: ${problems.join('; ')}`;
  }

  private validator(schema: Schema): ValidateFunction {
    let validate = this.validators.get(schema);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema) as Schema);
      this.validators.set(schema, validate);
    }
    return validate;
  }
}

let checker: ContractChecker | null = null;
const mismatches: string[] = [];

function contract(): ContractChecker {
  checker ??= new ContractChecker(JSON.parse(readFileSync(DOCUMENT_FILE, 'utf8')));
  return checker;
}

/** Records each answer of this server that does not match the document; the test that caused it fails. */
export function checkAnswersAgainstDocument(server: Server): void {
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk && typeof chunk !== 'function')
        chunks.push(
          Buffer.isBuffer(chunk)
            ? chunk
            : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'),
        );
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as ServerResponse['write'];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      const problem = contract().check(
        req.method ?? 'GET',
        req.url ?? '/',
        res.statusCode,
        res.getHeader('content-type')?.toString(),
        Buffer.concat(chunks),
      );
      if (problem) mismatches.push(problem);
      return end(chunk, ...rest);
    }) as ServerResponse['end'];
  });
}

/** The mismatches so far, taken so that the caller judges them (the route fuzz keeps only those of successful answers). */
export function takeContractMismatches(): string[] {
  return mismatches.splice(0);
}

// Registered when an e2e file loads this support: each test fails on the mismatches it caused.
if (typeof afterEach === 'function') {
  afterEach(() => {
    const found = mismatches.splice(0);
    if (found.length)
      throw new Error(`The API answered outside its OpenAPI document (apps/api/openapi.json):\n${found.join('\n')}`);
  });
}
