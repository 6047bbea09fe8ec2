// The request model of the hostile corpus: a valid baseline request for each operation of the
// served OpenAPI document (its path, query and header parameters and its body's schema, with
// real ids and codes from the running system where the schema alone would only reach a 404),
// and `variantsOf`, which turns an edit of that baseline into a case.

/**
 * @typedef {object} HostileCase
 * @property {string} category
 * @property {string} operation    `METHOD /template` of the document, or `raw` / `unlisted`
 * @property {string} method
 * @property {string} path         sent verbatim (encoded as the case wants), query included
 * @property {Record<string, string | string[]>} headers
 * @property {string | Buffer} [body]
 * @property {'none' | 'session' | 'victim' | 'bearer' | 'basic'} credentials  added when sent
 * @property {boolean} [noCsrf]    a write sent with the session cookie but no CSRF token
 * @property {boolean} [mustRefuse]  forged credentials where credentials are required: a 2xx or
 *   3xx would mean they were accepted
 * @property {boolean} [mayClose]  the server may close the connection without an answer
 * @property {Buffer} [raw]        bytes written to a socket as they are (malformed HTTP)
 */

/** Operations whose success destroys something: sent signed in only as the victim user. */
export const DESTRUCTIVE = new Set([
  'POST /api/auth/logout',
  'DELETE /api/accounts/{id}',
  'DELETE /api/servers/{provider}/{id}',
  'POST /api/servers/{provider}/{id}/reboot',
]);

/** A valid value for a JSON schema of the document (the first enum value, a uuid, ...). */
function sampleOf(schema, document, uuid, depth = 0) {
  if (!schema || depth > 5) return 'x';
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop();
    return sampleOf(document.components.schemas[name], document, uuid, depth + 1);
  }
  if (schema.enum) return schema.enum[0];
  if (schema.default !== undefined && schema.default !== '') return schema.default;
  switch (schema.type) {
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () =>
        sampleOf(schema.items, document, uuid, depth + 1),
      );
    case 'object': {
      const value = {};
      for (const name of schema.required ?? Object.keys(schema.properties ?? {})) {
        value[name] = sampleOf(schema.properties?.[name], document, uuid, depth + 1);
      }
      return value;
    }
    default:
      if (schema.format === 'uuid') return uuid();
      if (schema.format === 'uri') return 'http://127.0.0.1/callback';
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
  }
}

/** The request body's schema (resolved one level) and its media type, if the operation has one. */
function bodyOf(spec, document) {
  const content = spec.requestBody?.content ?? {};
  const type = Object.keys(content)[0];
  if (!type) return undefined;
  let schema = content[type].schema;
  if (schema?.$ref) schema = document.components.schemas[schema.$ref.split('/').pop()];
  return { type, schema };
}

/**
 * @typedef {object} HostileContext  real values from the running system
 * @property {Record<string, Record<string, string>>} pathValues  template → param → value
 * @property {Record<string, Record<string, string>>} queryValues template → param → value
 * @property {Record<string, object>} bodies                      template → a valid body
 * @property {() => string} uuid   a new UUID from the run's seed (ids, Idempotency-Keys)
 * @property {string} sessionCookie    a real session cookie (name=value) to tamper with
 * @property {string} cookieName
 * @property {string} accessToken      a real device access token (all scopes)
 * @property {string} narrowToken      a real device access token with servers:read only
 * @property {string} refreshToken     a real device refresh token
 * @property {string} revokedToken     a device access token that was revoked
 * @property {{ id: string, secret: string }} confidential  a registered confidential client
 */

/** One documented operation's baseline: encoded path params, query, headers, body. */
export function baseline(op, document, ctx) {
  const params = {};
  const query = {};
  const headers = {};
  for (const p of op.spec.parameters ?? []) {
    const real =
      p.in === 'path'
        ? ctx.pathValues[op.template]?.[p.name]
        : ctx.queryValues[op.template]?.[p.name];
    if (p.in === 'path') params[p.name] = real ?? String(sampleOf(p.schema, document, ctx.uuid));
    if (p.in === 'query' && (p.required || real !== undefined)) {
      query[p.name] = real ?? String(sampleOf(p.schema, document, ctx.uuid));
    }
    if (p.in === 'header' && p.name === 'Idempotency-Key') headers['idempotency-key'] = ctx.uuid();
  }
  const body = bodyOf(op.spec, document);
  const value = body
    ? (ctx.bodies[op.template] ?? sampleOf(body.schema, document, ctx.uuid))
    : undefined;
  const security = op.spec.security ?? [];
  const credentials = DESTRUCTIVE.has(`${op.method} ${op.template}`)
    ? 'victim'
    : security.some((s) => 'session' in s)
      ? 'session'
      : security.some((s) => 'oauthClient' in s) && op.template === '/oauth/introspect'
        ? 'basic'
        : 'none';
  return { params, query, headers, body, value, credentials };
}

export const encodeQuery = (pairs) =>
  pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');

/** The path of `template` with `params` (already encoded) and a raw query string. */
export function pathOf(template, params, rawQuery) {
  const path = template.replace(/\{([^}]+)\}/g, (_, name) => params[name] ?? 'x');
  return rawQuery ? `${path}?${rawQuery}` : path;
}

/** Serializes a body value as its media type wants. */
export function serialize(type, value) {
  if (type === 'application/x-www-form-urlencoded') {
    return new URLSearchParams(
      Object.entries(value ?? {}).flatMap(([k, v]) =>
        Array.isArray(v)
          ? v.map((x) => [k, String(x)])
          : [[k, typeof v === 'string' ? v : JSON.stringify(v)]],
      ),
    ).toString();
  }
  return JSON.stringify(value);
}

/**
 * What the mutations need to know of an operation: its baseline, its body's members (all,
 * required, string-like), its query and path parameter names, whether it takes a form, and
 * whether it requires credentials (no anonymous alternative `{}` among its requirements).
 */
export function describeOperation(op, document, ctx) {
  const base = baseline(op, document, ctx);
  const bodySchema = base.body?.schema;
  const props = Object.keys(bodySchema?.properties ?? {});
  const parameters = op.spec.parameters ?? [];
  const security = op.spec.security ?? [];
  return {
    op,
    ctx,
    base,
    props,
    required: bodySchema?.required ?? [],
    stringProps: props.filter((p) => {
      const prop = bodySchema.properties[p];
      return prop.type === 'string' || prop.enum || prop.$ref;
    }),
    queryNames: parameters.filter((p) => p.in === 'query').map((p) => p.name),
    pathNames: parameters.filter((p) => p.in === 'path').map((p) => p.name),
    isForm: base.body?.type === 'application/x-www-form-urlencoded',
    secured: security.length > 0,
    authRequired: security.length > 0 && !security.some((x) => Object.keys(x).length === 0),
  };
}

/**
 * `variant(category, edit)`: a case of `op` from a fresh copy of its baseline, changed by `edit`
 * (which may set params, query, rawQuery, headers, value, body, contentType, credentials,
 * noCsrf, mustRefuse, method or path), pushed onto `cases`.
 * @param {HostileCase[]} cases
 */
export function variantsOf(op, document, ctx, cases) {
  const operation = `${op.method} ${op.template}`;
  return (category, edit) => {
    const base = baseline(op, document, ctx);
    const draft = {
      params: { ...base.params },
      query: Object.entries(base.query),
      rawQuery: undefined,
      headers: { ...base.headers },
      value: base.value === undefined ? undefined : structuredClone(base.value),
      body: undefined,
      contentType: base.body?.type,
      credentials: base.credentials,
      noCsrf: false,
      mustRefuse: false,
      method: op.method,
      path: undefined,
    };
    edit(draft);
    const body =
      draft.body !== undefined
        ? draft.body
        : draft.value !== undefined && base.body
          ? serialize(base.body.type, draft.value)
          : undefined;
    const headers = { ...draft.headers };
    if (body !== undefined && draft.contentType && !('content-type' in headers)) {
      headers['content-type'] = draft.contentType;
    }
    cases.push({
      category,
      operation,
      method: draft.method,
      path:
        draft.path ?? pathOf(op.template, draft.params, draft.rawQuery ?? encodeQuery(draft.query)),
      headers,
      body,
      credentials: draft.credentials,
      noCsrf: draft.noCsrf,
      mustRefuse: draft.mustRefuse,
    });
  };
}
