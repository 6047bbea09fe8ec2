// The hostile corpus's mutations of the protocol around the input: headers and URLs over the
// limits, path traversal, forged credentials, duplicated parameters, content types and methods,
// open redirects, and requests outside the document (unlisted paths, raw malformed HTTP).
import { encodeQuery, serialize } from './corpus-requests.mjs';
import { INJECTIONS } from './mutations-input.mjs';
import { pick } from './random.mjs';

const TRAVERSALS = [
  '..%2f..%2f..%2fetc%2fpasswd',
  '%2e%2e%2f%2e%2e%2fpackage.json',
  '..%5c..%5cwindows%5cwin.ini',
  '%252e%252e%252fetc%252fpasswd',
  '..;%2f..;%2f',
  '....%2f%2f....%2f%2fetc%2fpasswd',
  '%c0%ae%c0%ae%c0%afetc%c0%afpasswd',
];
const REDIRECT_TARGETS = [
  'https://evil.example/',
  '//evil.example/',
  '/\\evil.example/',
  '\\\\evil.example',
  'https:evil.example',
  '/%09/evil.example',
  'http://127.0.0.1.evil.example/',
  'javascript:alert(1)',
];
const REDIRECT_PARAMS = [
  'redirect',
  'redirect_uri',
  'returnTo',
  'return_to',
  'next',
  'continue',
  'url',
  'target',
  'dest',
];

/** Oversized headers and URLs (around Node's 16 kB limit), and many headers. */
export function oversizedHeaders(variant) {
  variant('oversized headers', (d) => (d.headers['x-padding'] = 'p'.repeat(20 * 1024)));
  variant('oversized headers', (d) => {
    for (let i = 0; i < 150; i++) d.headers[`x-h${i}`] = 'v'.repeat(100);
  });
  variant('oversized headers', (d) => (d.headers.cookie = `a=${'c'.repeat(20 * 1024)}`));
  variant(
    'oversized headers',
    (d) => (d.rawQuery = `${encodeQuery(d.query)}&q=${'u'.repeat(20 * 1024)}`),
  );
  variant('oversized headers', (d) => (d.headers['x-padding'] = 'p'.repeat(15 * 1024)));
}

/** Path traversal in every path parameter, encoded every way. */
export function pathTraversal(variant, { pathNames }) {
  for (const name of pathNames) {
    for (const t of TRAVERSALS) variant('path traversal', (d) => (d.params[name] = t));
  }
}

/** Forged cookies, bearer tokens, CSRF tokens and client credentials. */
export function forgedCredentials(variant, { op, isForm, ctx, authRequired, secured }) {
  const { uuid } = ctx;
  if (secured || op.template.startsWith('/oauth/')) {
    const [cookieName, cookieValue] = ctx.sessionCookie.split('=');
    const tampered = `${cookieValue.slice(0, -2)}${cookieValue.endsWith('A') ? 'BB' : 'AA'}`;
    // [value, whether it must be refused wherever credentials are required]
    const forgedCookies = [
      [`${cookieName}=${uuid()}`, true],
      [`${cookieName}=${tampered}`, true],
      [`${cookieName}=s%3A${uuid()}.forgedsignature`, true],
      [`${cookieName}=`, true],
      [`${cookieName}=${'x'.repeat(4_000)}`, true],
      [`${cookieName}=${uuid()}; ${cookieName}=${cookieValue}`, false],
      [`${cookieName}=${cookieValue}%00`, false],
      [`${cookieName}=${encodeURIComponent(INJECTIONS[0])}`, true],
    ];
    for (const [cookie, refuse] of forgedCookies) {
      variant('forged credentials', (d) => {
        d.credentials = 'none';
        d.mustRefuse = refuse && authRequired;
        d.headers.cookie = cookie;
        if (op.method !== 'GET') d.headers['x-csrf-token'] = 'forged';
      });
    }
    for (const [authorization, refuse] of [
      [`Bearer lpa_${uuid().replace(/-/g, '')}`, true],
      [`Bearer ${ctx.refreshToken}`, true],
      [`Bearer ${ctx.revokedToken}`, true],
      [`Bearer ${ctx.narrowToken}`, false],
      ['Bearer eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJhZG1pbiIsInNjb3BlIjoiKiJ9.', true],
      ['Bearer ', true],
      [`Bearer ${ctx.accessToken} extra`, true],
      [`bearer ${ctx.accessToken}`, false],
      [`Bearer ${'t'.repeat(8_000)}`, true],
      ['Basic Zm9vOmJhcg==', true],
      ['Basic %%%', true],
      [`Basic ${Buffer.from(`${ctx.confidential.id}:wrong`).toString('base64')}`, true],
      [`Basic ${Buffer.from(`launchpad-cli:`).toString('base64')}`, false],
      ['Digest username="admin"', true],
    ]) {
      variant('forged credentials', (d) => {
        d.credentials = 'none';
        d.mustRefuse = refuse && (authRequired || op.template === '/oauth/introspect');
        d.headers.authorization = authorization;
      });
    }
    if (op.method !== 'GET' && (op.spec.security ?? []).some((x) => 'csrf' in x)) {
      variant('forged credentials', (d) => {
        d.noCsrf = true;
        d.mustRefuse = true;
      });
      for (const csrf of ['forged', '', `${ctx.otherCsrf}`, 'x'.repeat(5_000)]) {
        variant('forged credentials', (d) => {
          d.noCsrf = true;
          d.mustRefuse = true;
          d.headers['x-csrf-token'] = csrf;
        });
      }
    }
    variant('forged credentials', (d) => {
      d.headers.authorization = `Bearer lpa_${uuid().replace(/-/g, '')}`;
    });
    if (isForm) {
      for (const [creds, refuse] of [
        [{ client_id: ctx.confidential.id, client_secret: 'wrong' }, true],
        [{ client_id: ctx.confidential.id }, true],
        [{ client_id: 'launchpad-cli', client_secret: 'unexpected' }, false],
        [{ client_id: 'no-such-client' }, true],
        [
          {
            client_id: ctx.confidential.id.toUpperCase(),
            client_secret: ctx.confidential.secret,
          },
          true,
        ],
      ]) {
        variant('forged credentials', (d) => {
          d.credentials = 'none';
          d.mustRefuse = refuse;
          Object.assign(d.value, creds);
        });
      }
      // Two client authentication methods at once (RFC 6749 §2.3): refused.
      variant('forged credentials', (d) => {
        d.credentials = 'basic';
        d.mustRefuse = true;
        Object.assign(d.value, {
          client_id: ctx.confidential.id,
          client_secret: ctx.confidential.secret,
        });
      });
    }
  }
}

/** Duplicated parameters and headers: a value read as an array by accident. */
export function duplicatedParameters(variant, { op, base, queryNames, isForm, ctx }, { random }) {
  const { uuid } = ctx;
  for (const name of queryNames) {
    variant('duplicated parameters', (d) =>
      d.query.push([name, pick(random, ['a', 'b', '', 'x'])]),
    );
  }
  if (isForm) {
    for (const p of ['client_id', 'grant_type', 'token', 'scope', 'device_code']) {
      variant('duplicated parameters', (d) => {
        d.body = `${serialize(base.body.type, d.value)}&${p}=dup`;
      });
    }
  }
  variant('duplicated parameters', (d) => {
    d.credentials = 'none';
    d.headers.authorization = [`Bearer ${ctx.accessToken}`, 'Bearer lpa_other'];
  });
  variant('duplicated parameters', (d) => {
    d.headers.cookie = [ctx.sessionCookie, `${ctx.cookieName}=${uuid()}`];
  });
  if (base.headers['idempotency-key']) {
    variant('duplicated parameters', (d) => (d.headers['idempotency-key'] = [uuid(), uuid()]));
  }
  if (op.method !== 'GET') {
    variant(
      'duplicated parameters',
      (d) => (d.headers['x-csrf-token'] = [ctx.otherCsrf, ctx.otherCsrf]),
    );
  }
}

/** Wrong content types and encodings, and methods the route does not have. */
export function wrongContentTypes(variant, { op, base, isForm }, { random }) {
  if (base.body) {
    for (const type of [
      'text/plain',
      isForm ? 'application/json' : 'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/json-patch+json',
      '*/*',
      'application/x-www-form-urlencoded; charset=iso-8859-1',
    ]) {
      variant('wrong content types', (d) => (d.contentType = type));
    }
    variant('wrong content types', (d) => {
      d.headers['content-encoding'] = 'gzip';
    });
    variant('wrong content types', (d) => {
      d.headers['content-encoding'] = 'br, gzip, deflate';
    });
    variant('wrong content types', (d) => {
      d.headers['transfer-encoding'] = 'chunked';
    });
  }
  variant('wrong content types', (d) => {
    d.method = op.method === 'GET' ? 'POST' : 'GET';
    if (d.method === 'GET') d.value = undefined;
  });
  variant('wrong content types', (d) => {
    d.method = pick(random, ['PUT', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND']);
  });
}

/** Open redirects: every redirecting operation, every plausible redirect parameter and header. */
export function openRedirects(variant, { op }) {
  const redirects = Object.keys(op.spec.responses ?? {}).some((code) => code.startsWith('3'));
  if (redirects) {
    for (const param of REDIRECT_PARAMS) {
      for (const target of REDIRECT_TARGETS) {
        variant('open redirect', (d) => d.query.push([param, target]));
      }
    }
    variant('open redirect', (d) => (d.headers.host = 'evil.example'));
    variant('open redirect', (d) => (d.headers['x-forwarded-host'] = 'evil.example'));
    variant('open redirect', (d) => {
      d.headers['x-forwarded-host'] = 'evil.example';
      d.headers['x-forwarded-proto'] = 'https';
    });
    variant('open redirect', (d) => (d.headers.referer = 'https://evil.example/'));
    if (op.template.endsWith('/callback')) {
      for (const target of REDIRECT_TARGETS) {
        variant('open redirect', (d) => {
          d.query = [
            ['error', 'access_denied'],
            ['error_uri', target],
            ['error_description', `\r\nLocation: ${target}`],
            ['state', 'x'],
          ];
        });
      }
      variant(
        'open redirect',
        (d) => (d.query = [['error', `x\r\nLocation: https://evil.example/`]]),
      );
      variant('open redirect', (d) => (d.params.provider = encodeURIComponent('//evil.example')));
    }
  }
}

/** Paths and requests outside the document: traversal from the root, raw malformed HTTP. */
export function unlistedCases(ctx) {
  const cases = [];
  const get = (category, path, headers = {}) =>
    cases.push({
      category,
      operation: 'unlisted',
      method: 'GET',
      path,
      headers,
      credentials: 'none',
    });
  for (const path of [
    '/api/../etc/passwd',
    '/api/docs/../../package.json',
    '/api/health/..%2f..%2f..%2fpackage.json',
    '/..%2f..%2f..%2fetc%2fpasswd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/assets/..%2f..%2f..%2fpackage.json',
    '//api/health',
    '/./api/session',
    '/api/./session',
    '/API/SESSION',
    '/api/session/',
    '/api/session%2f',
    '/api/session;jsessionid=1',
    '/oauth/../api/session',
    '/oauth/token/../../api/health',
    '/.well-known/../package.json',
    '/.env',
    '/.git/config',
    '/dist/apps/api/main.js',
  ]) {
    get('path traversal', path);
  }
  for (const target of REDIRECT_TARGETS) {
    get('open redirect', `/${target.replace(/^\/+/, '')}`);
    get('open redirect', `/%2f%2fevil.example%2f${encodeURIComponent(target)}`);
  }
  get('open redirect', '//evil.example/%2e%2e');
  get('open redirect', '//evil.example/..');
  get('open redirect', '/%5cevil.example/');
  get('open redirect', '/.');
  get('open redirect', '/activate?redirect=https://evil.example/');
  get('path traversal', '/favicon.ico/..%2f..%2f..%2fpackage.json');
  get('path traversal', '/index.html%00.js');
  get('open redirect', '/api/auth/linode/', { host: 'evil.example' });

  const raw = (category, text, path) =>
    cases.push({
      category,
      operation: 'raw',
      method: text.split(' ')[0],
      path,
      headers: {},
      credentials: 'none',
      raw: Buffer.isBuffer(text) ? text : Buffer.from(text, 'latin1'),
    });
  const crlf = (lines) => `${lines.join('\r\n')}\r\n\r\n`;
  raw(
    'malformed HTTP',
    crlf(['GET /api/health HTTP/1.1', 'Host: 127.0.0.1', 'Bad Header Line']),
    '/api/health',
  );
  raw('malformed HTTP', crlf(['GET /api/health\u0000 HTTP/1.1', 'Host: 127.0.0.1']), '/api/health');
  raw('malformed HTTP', crlf(['G@T /api/health HTTP/1.1', 'Host: 127.0.0.1']), '/api/health');
  raw(
    'malformed HTTP',
    crlf(['GET /oauth/token HTTP/1.1', 'Host: 127.0.0.1', 'X: a\u0000b']),
    '/oauth/token',
  );
  raw(
    'malformed HTTP',
    crlf(['GET http://evil.example/api/health HTTP/1.1', 'Host: evil.example']),
    '/api/health',
  );
  raw('malformed HTTP', crlf(['GET /api/health HTTP/9.9', 'Host: 127.0.0.1']), '/api/health');
  raw(
    'malformed HTTP',
    crlf(['GET /api/health HTTP/1.1', 'Host: 127.0.0.1', ' folded: header']),
    '/api/health',
  );
  raw(
    'malformed HTTP',
    `POST /oauth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`,
    '/oauth/token',
  );
  raw(
    'malformed HTTP',
    `POST /api/deployments HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\nContent-Length: 20\r\n\r\n{}`,
    '/api/deployments',
  );
  raw(
    'malformed HTTP',
    `POST /api/deployments HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nZZZ\r\n{}\r\n0\r\n\r\n`,
    '/api/deployments',
  );
  raw(
    'malformed HTTP',
    crlf([`GET /api/health HTTP/1.1`, 'Host: 127.0.0.1', `Cookie: ${ctx.cookieName}=\u00ff\u00fe`]),
    '/api/health',
  );
  raw('malformed HTTP', crlf([`GET /${'a'.repeat(20 * 1024)} HTTP/1.1`, 'Host: 127.0.0.1']), '/');
  raw(
    'malformed HTTP',
    crlf([`GET /oauth/${'a'.repeat(20 * 1024)} HTTP/1.1`, 'Host: 127.0.0.1']),
    '/oauth/',
  );
  // Node closes a CONNECT it has no listener for: no answer is the expected one.
  raw(
    'malformed HTTP',
    crlf(['CONNECT evil.example:443 HTTP/1.1', 'Host: evil.example:443']),
    'evil.example:443',
  );
  cases.at(-1).mayClose = true;
  return cases;
}
