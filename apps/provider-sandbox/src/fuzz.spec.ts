import fc from 'fast-check';
import type { SandboxServer } from './server';
import { type TestSandbox, startTestSandbox } from './testing/test-sandbox';

/**
 * Whatever a client sends to a provider surface — wrong methods, junk bodies, wrong types, huge
 * strings, bad X-Filter, garbage tokens — the answer is a 4xx in the provider's own shape (or a
 * success), never a 5xx, and the sandbox keeps serving.
 */
const TEMPLATES = [
  '/linode/api/v4/linode/instances',
  '/linode/api/v4/linode/instances/:id',
  '/linode/api/v4/linode/instances/:id/reboot',
  '/linode/api/v4beta/linode/types',
  '/linode/api/v4/linode/types/:id',
  '/linode/api/v4/regions',
  '/linode/api/v4/images',
  '/linode/api/v4/images/:id/:id',
  '/linode/api/v4/linode/stackscripts/:id',
  '/linode/api/v4/profile',
  '/linode/api/v4/profile/grants',
  '/linode/login/oauth/authorize',
  '/linode/login/oauth/token',
  '/linode/login/oauth/revoke',
  '/linode/login/oauth/token/expire',
  '/digitalocean/api/v2/droplets',
  '/digitalocean/api/v2/droplets/:id',
  '/digitalocean/api/v2/droplets/:id/actions',
  '/digitalocean/api/v2/actions/:id',
  '/digitalocean/api/v2/account',
  '/digitalocean/api/v2/sizes',
  '/digitalocean/api/v2/images',
  '/digitalocean/oauth/authorize',
  '/digitalocean/oauth/token',
  '/digitalocean/oauth/revoke',
  '/digitalocean/oauth/token/info',
];

const jsonValue = fc.jsonValue({ maxDepth: 3 });
const body = fc.oneof(
  jsonValue.map((v) => JSON.stringify(v)),
  fc
    .record(
      {
        type: fc.oneof(fc.string(), fc.integer(), jsonValue),
        region: fc.oneof(fc.string(), jsonValue),
        label: fc.string(),
        image: fc.oneof(fc.string(), fc.integer()),
        root_pass: fc.string(),
        name: fc.string(),
        size: fc.string(),
        stackscript_id: fc.oneof(fc.integer(), fc.string()),
        stackscript_data: jsonValue,
        tags: jsonValue,
        user_data: fc.string(),
      },
      { requiredKeys: [] },
    )
    .map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 300 }),
  fc.constant('{"type":'),
  fc.constant('x'.repeat(200_000)),
);
/**
 * A string as fetch will send it in a header (a ByteString without NUL, CR or LF): anything
 * else becomes `?`, so that every generated case reaches the sandbox.
 */
const headerValue = (text: string) => text.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');
/** JSON text with every character outside printable ASCII escaped: still the same JSON value. */
const asciiJson = (json: string) =>
  json.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

const request = fc.record({
  template: fc.constantFrom(...TEMPLATES),
  id: fc.oneof(
    fc.constantFrom('1', '0', '-1', 'abc', '99999999999999999999', '%E0%A4%A', 'linode'),
    fc.string({ maxLength: 12 }).map(encodeURIComponent),
  ),
  query: fc.oneof(
    fc.constant(''),
    fc.constantFrom(
      '?page=0',
      '?page_size=9999',
      '?per_page=-3',
      '?page=abc',
      '?type=application',
      '?tag_name=',
      '?client_id=x&response_type=code&redirect_uri=http://localhost/cb',
    ),
  ),
  method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
  body,
  contentType: fc.constantFrom(
    'application/json',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=zzz',
    'text/plain',
  ),
  auth: fc.oneof(
    fc.constant(undefined),
    fc.constant('Bearer valid'),
    fc.string({ maxLength: 80 }).map((s) => `Bearer ${headerValue(s)}`),
    fc.constantFrom('Basic Og==', 'Basic !!!', 'bearer'),
  ),
  filter: fc.oneof(
    fc.constant(undefined),
    jsonValue.map((v) => asciiJson(JSON.stringify(v))),
    fc.string({ maxLength: 60 }).map(headerValue),
  ),
});

describe('fuzzing the provider surfaces', () => {
  let test: TestSandbox;
  let sandbox: SandboxServer;
  let origin: string;
  let validLinode: string;
  let validDo: string;

  beforeAll(async () => {
    test = await startTestSandbox();
    ({ sandbox, origin } = test);
    validLinode = test.token('linode', ['*']);
    validDo = test.token('digitalocean', ['read', 'write']);
  });

  afterAll(() => sandbox.close());

  it('never answers 5xx and never stops serving', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const token = r.template.startsWith('/linode') ? validLinode : validDo;
        const headers: Record<string, string> = { 'Content-Type': r.contentType };
        if (r.auth)
          headers['Authorization'] = r.auth === 'Bearer valid' ? `Bearer ${token}` : r.auth;
        if (r.filter !== undefined) headers['X-Filter'] = r.filter;
        const path = r.template.replace(/:id/g, r.id) + r.query;
        const res = await fetch(`${origin}${path}`, {
          method: r.method,
          headers,
          ...(r.method === 'GET' ? {} : { body: r.body }),
          redirect: 'manual',
        });
        const text = await res.text();
        if (res.status >= 500)
          throw new Error(`${r.method} ${path} answered ${res.status}: ${text.slice(0, 200)}`);
        if ((res.headers.get('content-type') ?? '').includes('application/json') && text !== '')
          JSON.parse(text);
      }),
      { numRuns: 400 },
    );
    expect((await fetch(`${origin}/_sandbox/health`)).status).toBe(200);
  }, 120_000);
});
