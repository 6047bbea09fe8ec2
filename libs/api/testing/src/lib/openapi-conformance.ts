import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Response } from 'supertest';

/** The parts of an OpenAPI 3.1 document the checks read. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, object> };
}

export interface OpenApiOperation {
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const DOCUMENT_ID = 'https://launchpad.test/openapi.json';

/** A JSON pointer segment inside a URI fragment (RFC 6901 §3 and §6). */
const pointer = (...segments: string[]) =>
  segments.map((s) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');

/**
 * Checks real answers against an OpenAPI 3.1 document: each request must match a documented
 * operation, its status must be one that operation lists, and a JSON body must validate against
 * the schema of that status (JSON Schema 2020-12, with ajv's formats). Records what it saw, so a
 * suite can also require every documented operation to have been exercised.
 */
export class OpenApiConformance {
  /** `GET /api/servers/{provider}/{id}` → the statuses seen. */
  readonly exercised = new Map<string, Set<number>>();
  private readonly ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  private readonly routes: { method: string; template: string; pattern: RegExp; params: number }[];

  constructor(readonly document: OpenApiDocument) {
    addFormats(this.ajv);
    // OpenAPI's keywords outside JSON Schema (the document's own, and `example`): annotations.
    this.ajv.addVocabulary([
      'openapi',
      'info',
      'paths',
      'components',
      'tags',
      'servers',
      'example',
    ]);
    this.ajv.addSchema(document, DOCUMENT_ID);
    this.routes = Object.entries(document.paths).flatMap(([template, operations]) =>
      Object.keys(operations)
        .filter((method) => METHODS.includes(method))
        .map((method) => ({
          method,
          template,
          pattern: new RegExp(
            `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`,
          ),
          params: (template.match(/\{/g) ?? []).length,
        })),
    );
  }

  /** Every documented operation, as `METHOD /template`. */
  get operations(): string[] {
    return this.routes.map((r) => `${r.method.toUpperCase()} ${r.template}`);
  }

  /** The documented operation a request was for: the literal path over a templated one. */
  operationOf(method: string, path: string): string | undefined {
    const route = this.routes
      .filter((r) => r.method === method.toLowerCase() && r.pattern.test(path))
      .sort((a, b) => a.params - b.params)[0];
    return route && `${route.method.toUpperCase()} ${route.template}`;
  }

  /** Throws unless the answer is one the document describes; returns it for further checks. */
  check(res: Response): Response {
    const req = (res as Response & { req: { method: string; path: string } }).req;
    const path = req.path.split('?')[0] ?? '';
    const operation = this.operationOf(req.method, path);
    if (!operation) throw new Error(`${req.method} ${path} is not in the OpenAPI document`);
    const [method = '', template = ''] = operation.split(' ');
    const documented = this.document.paths[template]?.[method.toLowerCase()]?.responses[res.status];
    if (!documented) {
      throw new Error(
        `${operation} answered ${res.status}, which the document does not list: ${res.text}`,
      );
    }
    const type = String(res.headers['content-type'] ?? '').split(';')[0] ?? '';
    if (!documented.content) {
      if (type === 'application/json') {
        throw new Error(
          `${operation} ${res.status} has a JSON body the document does not describe`,
        );
      }
    } else {
      const media = documented.content[type];
      if (!media) {
        throw new Error(
          `${operation} ${res.status} answered ${type || 'no body'}, not ${Object.keys(documented.content).join(' or ')}`,
        );
      }
      if (type === 'application/json') {
        const schema = `${DOCUMENT_ID}#/${pointer('paths', template, method.toLowerCase(), 'responses', String(res.status), 'content', type, 'schema')}`;
        this.assertValid(this.validator(schema), res.body, `${operation} ${res.status}`);
      }
    }
    const seen = this.exercised.get(operation) ?? new Set<number>();
    this.exercised.set(operation, seen.add(res.status));
    return res;
  }

  /** Throws unless `value` is valid against the component schema `name`. */
  checkComponent(name: string, value: unknown): void {
    const schema = `${DOCUMENT_ID}#/${pointer('components', 'schemas', name)}`;
    this.assertValid(this.validator(schema), value, name);
  }

  private validator(ref: string): ValidateFunction {
    const validate = this.ajv.getSchema(ref);
    if (!validate) throw new Error(`the document has no schema at ${ref}`);
    return validate;
  }

  private assertValid(validate: ValidateFunction, value: unknown, what: string): void {
    if (!validate(value)) {
      throw new Error(
        `${what}: the body does not match the document: ${this.ajv.errorsText(validate.errors)}\n${JSON.stringify(value)}`,
      );
    }
  }
}
