// What an answer must look like, from the served OpenAPI document (GET /api/docs/openapi.json,
// OpenAPI 3.1, whose schemas are JSON Schema 2020-12): the operation the request matched, the
// response documented for its status, and that response's JSON schema (ApiErrorBody under
// /api, RFC 6749 §5.2's OAuthErrorDto under /oauth). Redirects are checked here too.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** RFC 6749 §5.2: `error` and `error_description` are printable ASCII without `"` and `\`. */
const OAUTH_TEXT = /^[\x20-\x21\x23-\x5B\x5D-\x7E]*$/;

/**
 * @typedef {object} Operation
 * @property {string} method     GET, POST, ...
 * @property {string} template   e.g. /api/servers/{provider}/{id}
 * @property {RegExp} pattern    matches a raw request path (before `?`)
 * @property {object} spec       the document's operation object
 */

export class DocumentedShapes {
  /** @param {object} document the OpenAPI document */
  constructor(document) {
    this.document = document;
    const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
    addFormats(ajv);
    ajv.addSchema({ $id: 'openapi', components: document.components });
    this.ajv = ajv;
    /** @type {Map<string, import('ajv').ValidateFunction>} */
    this.validators = new Map();
    /** @type {Operation[]} */
    this.operations = [];
    for (const [template, item] of Object.entries(document.paths)) {
      for (const [method, spec] of Object.entries(item)) {
        if (!['get', 'post', 'put', 'patch', 'delete', 'head'].includes(method)) continue;
        const pattern = new RegExp(
          `^${template
            .split(/\{[^}]+\}/)
            .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
            .join('[^/]+')}$`,
        );
        this.operations.push({ method: method.toUpperCase(), template, pattern, spec });
      }
    }
  }

  /** The documented operation a request reaches, if any (the raw path, without its query). */
  operationOf(method, path) {
    const bare = path.split('?')[0] ?? path;
    return this.operations.find((o) => o.method === method && o.pattern.test(bare));
  }

  validator(ref) {
    let validate = this.validators.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `openapi${ref}` });
      this.validators.set(ref, validate);
    }
    return validate;
  }

  /**
   * Whether an error answer (4xx/5xx) has its documented shape. Under /oauth/ (as the API
   * decides, on the raw path): RFC 6749 §5.2's `{error, error_description}`; elsewhere the
   * ApiErrorBody, whose statusCode repeats the status and whose requestId is X-Request-Id's.
   * When the operation documents this status with another schema (a health check's 503), that
   * schema. @returns {{ ok: boolean, reason?: string, documented: boolean }}
   */
  checkError(method, path, answer) {
    const operation = this.operationOf(method, path);
    const response = operation?.spec.responses?.[String(answer.status)];
    const documented = response !== undefined;
    const type = String(answer.headers['content-type'] ?? '');
    if (!/^application\/json\b/.test(type)) {
      return { ok: false, documented, reason: `content-type "${type}" is not JSON` };
    }
    let body;
    try {
      body = JSON.parse(answer.body.toString('utf8'));
    } catch {
      return { ok: false, documented, reason: 'the body is not JSON' };
    }
    const bare = path.split('?')[0] ?? path;
    const ref = response?.content?.['application/json']?.schema?.$ref;
    if (bare.startsWith('/oauth/')) {
      return { documented, ...checkOAuthError(body, ref ? this.validator(ref) : undefined) };
    }
    if (ref && !/ApiErrorBody/.test(ref)) {
      const validate = this.validator(ref);
      return validate(body)
        ? { ok: true, documented }
        : {
            ok: false,
            documented,
            reason: `not a ${ref}: ${this.ajv.errorsText(validate.errors)}`,
          };
    }
    const validate = this.validator('#/components/schemas/ApiErrorBody');
    if (!validate(body)) {
      return {
        ok: false,
        documented,
        reason: `not an ApiErrorBody: ${this.ajv.errorsText(validate.errors)}`,
      };
    }
    if (body.statusCode !== answer.status) {
      return { ok: false, documented, reason: `statusCode ${body.statusCode} != ${answer.status}` };
    }
    if (body.requestId !== answer.headers['x-request-id']) {
      return { ok: false, documented, reason: 'requestId is not the X-Request-Id header' };
    }
    return { ok: true, documented };
  }
}

/** RFC 6749 §5.2, and the document's OAuthErrorDto when the status is documented. */
function checkOAuthError(body, validate) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, reason: 'the body is not a JSON object' };
  }
  const extra = Object.keys(body).filter(
    (k) => !['error', 'error_description', 'error_uri'].includes(k),
  );
  if (extra.length > 0) return { ok: false, reason: `extra members ${extra.join(', ')}` };
  if (typeof body.error !== 'string' || !/^[\x20-\x21\x23-\x5B\x5D-\x7E]+$/.test(body.error)) {
    return { ok: false, reason: 'error is not an RFC 6749 error code' };
  }
  if (body.error_description !== undefined) {
    if (typeof body.error_description !== 'string' || !OAUTH_TEXT.test(body.error_description)) {
      return { ok: false, reason: 'error_description is not RFC 6749 text (printable ASCII)' };
    }
  }
  if (validate && !validate(body)) return { ok: false, reason: 'not the documented OAuthErrorDto' };
  return { ok: true };
}

/**
 * Where a redirect may go: Launchpad itself (PUBLIC_URL's origin: the SPA's pages) or a
 * provider's authorization endpoint (the sandbox here), and then only with Launchpad's own
 * callback as redirect_uri. Anything else (an attacker's host, `//host`, `/\host`) is an
 * off-origin redirect. @returns {string | undefined} why it is off-origin, or undefined
 */
export function offOriginRedirect(location, publicUrl, sandboxUrl) {
  if (location === undefined) return 'a redirect without a Location';
  let target;
  try {
    target = new URL(String(location), publicUrl);
  } catch {
    return `an unparseable Location ${JSON.stringify(location)}`;
  }
  const own = new URL(publicUrl);
  if (target.origin === own.origin) return undefined;
  const sandbox = new URL(sandboxUrl);
  const authorize = {
    '/linode/login/oauth/authorize': 'linode',
    '/digitalocean/oauth/authorize': 'digitalocean',
  }[target.pathname];
  if (target.origin === sandbox.origin && authorize) {
    const expected = `${own.origin}/api/auth/${authorize}/callback`;
    const redirectUri = target.searchParams.getAll('redirect_uri');
    if (redirectUri.length === 1 && redirectUri[0] === expected) return undefined;
    return `the provider is asked to send the code to ${JSON.stringify(redirectUri)}`;
  }
  return `Location ${JSON.stringify(String(location)).slice(0, 200)} leaves ${own.origin}`;
}
