import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';

type Json = Record<string, unknown>;

/** OpenAPI 3.0 `nullable` becomes JSON Schema's `null` type; examples and vendor keys are dropped. */
function toJsonSchema(node: unknown, propertyMap = false): unknown {
  if (Array.isArray(node)) return node.map((item) => toJsonSchema(item));
  if (typeof node !== 'object' || node === null) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) {
    // In a `properties` map the keys are field names (a field may well be called `example`).
    const keyword = !propertyMap;
    const annotation =
      key === 'example' || key === 'examples' || key === 'discriminator' || key.startsWith('x-');
    if (keyword && annotation) continue;
    out[key] = toJsonSchema(value, keyword && key === 'properties');
  }
  if (propertyMap) return out;
  if (out['nullable'] === true) {
    delete out['nullable'];
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

const pointer = (...parts: string[]) =>
  '#/' + parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** Validates response bodies against the response schemas of an official OpenAPI document. */
export class OpenApiValidator {
  private readonly ajv = new Ajv({
    strict: false,
    allErrors: true,
    validateFormats: true,
    logger: false,
  });
  private readonly doc: Json;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(
    private readonly id: string,
    file: string,
    /** Formats this provider writes its own way (documented quirks), replacing the standard ones. */
    formatOverrides: Record<string, RegExp> = {},
  ) {
    addFormats(this.ajv);
    for (const [name, pattern] of Object.entries(formatOverrides))
      this.ajv.addFormat(name, pattern);
    this.doc = toJsonSchema(parse(readFileSync(file, 'utf8'), { maxAliasCount: -1 })) as Json;
    this.ajv.addSchema(this.doc, id);
  }

  static available(file: string): boolean {
    return existsSync(file);
  }

  /** The errors of `body` against `paths[path][method].responses[status]` (empty when it conforms). */
  errors(path: string, method: string, status: number, body: unknown): string[] {
    const key = `${method} ${path} ${status}`;
    let validate = this.cache.get(key);
    if (!validate) {
      const schemaRef = this.responseSchemaRef(path, method, status);
      validate = this.ajv.compile({ $ref: `${this.id}${schemaRef}` });
      this.cache.set(key, validate);
    }
    return validate(body)
      ? []
      : (validate.errors ?? []).map(
          (e) =>
            `${e.instancePath || '(root)'} ${e.message ?? ''}${e.keyword === 'additionalProperties' ? `: ${String((e.params as { additionalProperty?: string }).additionalProperty)}` : ''}`,
        );
  }

  private responseSchemaRef(path: string, method: string, status: number): string {
    const operation = ((this.doc['paths'] as Json)[path] as Json | undefined)?.[
      method.toLowerCase()
    ] as Json | undefined;
    if (!operation) throw new Error(`${this.id}: no operation ${method} ${path}`);
    const responses = operation['responses'] as Json;
    const code = String(status) in responses ? String(status) : 'default';
    let response = responses[code] as Json | undefined;
    let where = pointer('paths', path, method.toLowerCase(), 'responses', code);
    // A response may itself be a $ref into components.responses.
    while (response && typeof response['$ref'] === 'string') {
      where = response['$ref'];
      response = where
        .slice(2)
        .split('/')
        .reduce<unknown>(
          (node, part) => (node as Json)[part.replace(/~1/g, '/').replace(/~0/g, '~')],
          this.doc,
        ) as Json;
    }
    if (!response?.['content'])
      throw new Error(`${this.id}: ${method} ${path} documents no body for ${status}`);
    return `${where}/content/application~1json/schema`;
  }
}
