// The hostile phase: real credentials and ids for the corpus (corpus.mjs), then every case sent
// straight to an API instance (the proxy would refuse oversized headers itself), signed in or
// anonymous as the case says, each from its own client address so that the per-address limits
// refuse none for being many. Every answer must be below 500, a redirect must stay on
// PUBLIC_URL's origin (or go to the provider's authorize page with Launchpad's callback), and
// every error must have its documented shape.
import { Browser } from './browser.mjs';
import { DESTRUCTIVE, generateCorpus } from './corpus.mjs';
import { jsonOf, send, sendRaw } from './http.mjs';
import { clientAddress, seeded, uuidFrom } from './random.mjs';
import { offOriginRedirect } from './shapes.mjs';
import { DEMO_USERS } from './workload.mjs';

const CONCURRENCY = 6;
const ALL_SCOPES = 'servers:read servers:deploy servers:manage account:read';
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const ADA = DEMO_USERS[0];
/** The victim of destructive requests (logout ends every session of its user). */
const VICTIM = DEMO_USERS[2];

/** Per-session limits of the routes (libs/api/rate-limits): a signed-in case stays under them. */
function limitClass(method, template) {
  if (method === 'POST' && template === '/api/deployments') return ['deploy', 9];
  if (template.startsWith('/api/admin/')) return ['admin', 29];
  if (template.startsWith('/api/device/activation')) return ['activation', 29];
  if (template.startsWith('/api/servers/') && method !== 'GET') return ['serverAction', 29];
  return ['session', 500];
}

/** Signed-in sessions of one demo user, grown on demand, so that no per-session limit refuses. */
class SessionPool {
  constructor(apiUrl, user, firstAddress) {
    this.apiUrl = apiUrl;
    this.user = user;
    this.nextAddress = firstAddress;
    /** @type {{ browser: Browser, used: Record<string, number> }[]} */
    this.entries = [];
    this.signingIn = undefined;
  }

  async add() {
    const browser = new Browser(this.apiUrl, clientAddress(this.nextAddress++));
    await browser.signIn(this.user.provider, this.user.id);
    const entry = { browser, used: {} };
    this.entries.push(entry);
    return entry;
  }

  /** A session with room under `limit` requests of `kind`. */
  async take(kind, limit) {
    let entry = this.entries.find((e) => !e.dead && (e.used[kind] ?? 0) < limit);
    if (!entry) {
      this.signingIn ??= this.add().finally(() => (this.signingIn = undefined));
      entry = await this.signingIn;
    }
    entry.used[kind] = (entry.used[kind] ?? 0) + 1;
    return entry;
  }

  /** A logout ends every session of the user: sign in again for what follows. */
  allDead() {
    for (const e of this.entries) e.dead = true;
  }
}

/** A device token pair for ada with `scope`, through the device flow as the CLI gets one. */
async function deviceTokens(apiUrl, browser, scope, address) {
  const started = jsonOf(
    await send(apiUrl, {
      method: 'POST',
      path: '/oauth/device_authorization',
      headers: { ...FORM, 'x-forwarded-for': address },
      body: new URLSearchParams({ client_id: 'launchpad-cli', scope }).toString(),
    }),
  );
  const decided = await browser.request('POST', '/api/device/activation', {
    body: { user_code: started.user_code, decision: 'approve' },
  });
  if (decided.status !== 200) throw new Error(`activation: ${decided.status} ${decided.body}`);
  const tokens = jsonOf(
    await send(apiUrl, {
      method: 'POST',
      path: '/oauth/token',
      headers: { ...FORM, 'x-forwarded-for': address },
      body: new URLSearchParams({
        grant_type: DEVICE_GRANT,
        device_code: started.device_code,
        client_id: 'launchpad-cli',
      }).toString(),
    }),
  );
  if (!tokens?.access_token) throw new Error('no device tokens for the hostile phase');
  return tokens;
}

/** A pending device code and its user code. */
async function pendingCode(apiUrl, address) {
  return jsonOf(
    await send(apiUrl, {
      method: 'POST',
      path: '/oauth/device_authorization',
      headers: { ...FORM, 'x-forwarded-for': address },
      body: new URLSearchParams({ client_id: 'launchpad-cli', scope: 'servers:read' }).toString(),
    }),
  );
}

/**
 * Builds the context, generates the corpus and sends it.
 * @param {{ document: object, shapes: import('./shapes.mjs').DocumentedShapes,
 *   recorder: import('./metrics.mjs').Recorder, instances: { url: string }[],
 *   proxyUrl: string, sandboxUrl: string, seed: number, target: object }} options
 */
export async function runHostile({
  document,
  shapes,
  recorder,
  instances,
  proxyUrl,
  sandboxUrl,
  seed,
  target,
}) {
  const ada = new SessionPool(proxyUrl, ADA, 20_000);
  const victim = new SessionPool(proxyUrl, VICTIM, 30_000);
  const admin = (await ada.add()).browser;
  const victimBrowser = (await victim.add()).browser;
  let address = 40_000;
  const nextAddress = () => clientAddress(address++);

  const full = await deviceTokens(proxyUrl, admin, ALL_SCOPES, nextAddress());
  const narrow = await deviceTokens(proxyUrl, admin, 'servers:read', nextAddress());
  const revoked = await deviceTokens(proxyUrl, admin, 'servers:read', nextAddress());
  await send(proxyUrl, {
    method: 'POST',
    path: '/oauth/revoke',
    headers: { ...FORM, 'x-forwarded-for': nextAddress() },
    body: new URLSearchParams({
      token: revoked.refresh_token,
      client_id: 'launchpad-cli',
    }).toString(),
  });
  const registered = jsonOf(
    await admin.request('POST', '/api/admin/clients', {
      body: { name: 'Reliability', type: 'confidential', allowedScopes: ALL_SCOPES.split(' ') },
    }),
  );
  const code = await pendingCode(proxyUrl, nextAddress());
  const deployments = jsonOf(await admin.request('GET', '/api/deployments')) ?? [];
  const finalDeployment = deployments.find((d) => d.status === 'running' || d.status === 'failed');
  const servers = jsonOf(await admin.request('GET', '/api/servers'))?.servers ?? [];
  const victimServers = jsonOf(await victimBrowser.request('GET', '/api/servers'))?.servers ?? [];
  const victimAccounts = jsonOf(await victimBrowser.request('GET', '/api/accounts')) ?? [];
  const cookieName =
    [...admin.jar.keys()].find((k) => k.includes('launchpad_session')) ?? 'launchpad_session';

  const idRandom = seeded(seed + 2);
  const ctx = {
    pathValues: {
      '/api/auth/{provider}': { provider: 'linode' },
      '/api/auth/{provider}/callback': { provider: 'linode' },
      '/api/catalog/{provider}': { provider: 'linode' },
      '/api/accounts/{id}': { id: victimAccounts[0]?.id ?? uuidFrom(idRandom) },
      '/api/servers/{provider}/{id}': {
        provider: 'linode',
        id: (victimServers[0] ?? servers[0])?.id ?? '1',
      },
      '/api/servers/{provider}/{id}/reboot': {
        provider: 'linode',
        id: (victimServers[0] ?? servers[0])?.id ?? '1',
      },
      '/api/deployments/{id}': { id: finalDeployment?.id ?? uuidFrom(idRandom) },
      '/api/deployments/{id}/events': { id: finalDeployment?.id ?? uuidFrom(idRandom) },
      '/api/admin/clients/{clientId}': { clientId: 'lpc_nope' },
    },
    queryValues: {
      '/api/catalog/{provider}': { application: 'plain' },
      '/api/device/activation': { user_code: code.user_code },
      '/api/auth/{provider}/callback': { state: 'x', code: 'y' },
    },
    bodies: {
      '/api/deployments': { ...target, label: 'hostile-1', fields: {} },
      '/api/device/activation': { user_code: code.user_code, decision: 'deny' },
      '/api/admin/clients': { name: 'Hostile', type: 'public', allowedScopes: ['servers:read'] },
      '/oauth/device_authorization': { client_id: 'launchpad-cli', scope: 'servers:read' },
      '/oauth/token': {
        grant_type: DEVICE_GRANT,
        device_code: code.device_code,
        client_id: 'launchpad-cli',
      },
      '/oauth/revoke': { token: 'lpa_unknown', client_id: 'launchpad-cli' },
      '/oauth/introspect': { token: full.access_token },
    },
    uuid: () => uuidFrom(idRandom),
    sessionCookie: `${cookieName}=${admin.jar.get(cookieName)}`,
    cookieName,
    otherCsrf: victimBrowser.csrfToken,
    accessToken: full.access_token,
    narrowToken: narrow.access_token,
    refreshToken: full.refresh_token,
    revokedToken: revoked.access_token,
    confidential: { id: registered.client.clientId, secret: registered.clientSecret },
  };

  const random = seeded(seed);
  const cases = generateCorpus({ document, operations: shapes.operations, ctx, random, seed });
  // Destructive operations last: a logout ends the victim's sessions for what follows.
  cases.sort((a, b) => Number(DESTRUCTIVE.has(a.operation)) - Number(DESTRUCTIVE.has(b.operation)));

  /** @type {Map<string, { requests: number, status2xx: number, status3xx: number,
   *   status4xx: number, status5xx: number, offOrigin: number, outOfShape: number,
   *   noAnswer: number, notSent: number }>} */
  const categories = new Map();
  const tally = (category) => {
    if (!categories.has(category)) {
      categories.set(category, {
        category,
        requests: 0,
        status2xx: 0,
        status3xx: 0,
        status4xx: 0,
        status5xx: 0,
        offOrigin: 0,
        outOfShape: 0,
        noAnswer: 0,
        notSent: 0,
        accepted: 0,
      });
    }
    return categories.get(category);
  };
  const undocumented = new Map();

  let next = 0;
  let instance = 0;
  async function worker() {
    while (next < cases.length) {
      const c = cases[next++];
      const origin = instances[instance++ % instances.length].url;
      const answer = c.raw ? await sendRaw(origin, c.raw) : await sendCase(origin, c);
      judge(c, answer);
    }
  }

  async function sendCase(origin, c) {
    const headers = { 'x-forwarded-for': nextAddress(), ...c.headers };
    const template = c.operation.split(' ')[1] ?? '';
    const write = !['GET', 'HEAD'].includes(c.method);
    if (c.credentials === 'session' || c.credentials === 'victim') {
      const pool = c.credentials === 'victim' ? victim : ada;
      const [kind, limit] = limitClass(c.method, template);
      const entry = await pool.take(kind, limit);
      if (!('cookie' in c.headers)) headers.cookie = entry.browser.cookie();
      if (write && !c.noCsrf && !('x-csrf-token' in c.headers)) {
        headers['x-csrf-token'] = entry.browser.csrfToken;
      }
      const answer = await send(origin, { method: c.method, path: c.path, headers, body: c.body });
      if (c.operation === 'POST /api/auth/logout' && answer.status === 200) pool.allDead();
      return answer;
    }
    if (c.credentials === 'bearer' && !('authorization' in c.headers)) {
      headers.authorization = `Bearer ${ctx.accessToken}`;
    }
    if (c.credentials === 'basic' && !('authorization' in c.headers)) {
      headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(ctx.confidential.id)}:${encodeURIComponent(ctx.confidential.secret)}`).toString('base64')}`;
    }
    return send(origin, { method: c.method, path: c.path, headers, body: c.body });
  }

  function judge(c, answer) {
    const t = tally(c.category);
    if (answer.error?.startsWith('CLIENT_')) {
      t.notSent++;
      return;
    }
    t.requests++;
    const describe = () =>
      `${c.operation}: ${c.method} ${c.path.slice(0, 300)}${c.raw ? ` (raw ${JSON.stringify(c.raw.toString('latin1').slice(0, 200))})` : ''} headers ${JSON.stringify(
        Object.fromEntries(Object.entries(c.headers).map(([k, v]) => [k, String(v).slice(0, 80)])),
      )} body ${c.body === undefined ? '-' : JSON.stringify(c.body.toString('latin1').slice(0, 300))} (${c.credentials}${c.noCsrf ? ', no CSRF token' : ''}) -> ${answer.status || answer.error} ${answer.body.toString('utf8').slice(0, 300)} (request id ${answer.headers['x-request-id'] ?? '-'})`;
    if (answer.status === 0 && c.mayClose) return recorder.add(c.category, answer, 'ok');
    if (answer.status === 0) {
      t.noAnswer++;
      return recorder.add(c.category, answer, 'error', `no answer (${answer.error})`, describe());
    }
    const bucket = Math.floor(answer.status / 100);
    if (bucket === 2) t.status2xx++;
    else if (bucket === 3) t.status3xx++;
    else if (bucket === 4) t.status4xx++;
    else if (bucket === 5) t.status5xx++;
    if (answer.status >= 500) {
      const shape = shapes.checkError(c.method, c.path, answer);
      return recorder.add(
        c.category,
        answer,
        '5xx',
        `${answer.status} ${jsonOf(answer)?.error ?? ''}${shape.ok ? '' : ` (${shape.reason})`}`.trim(),
        describe(),
      );
    }
    if (c.mustRefuse && answer.status < 400) {
      t.accepted++;
      return recorder.add(c.category, answer, 'error', 'forged credential accepted', describe());
    }
    if (bucket === 3) {
      const off = offOriginRedirect(answer.headers.location, proxyUrl, sandboxUrl);
      if (off) {
        t.offOrigin++;
        return recorder.add(
          c.category,
          answer,
          'error',
          'off-origin redirect',
          `${off}: ${describe()}`,
        );
      }
    }
    if (answer.status >= 400 && c.method !== 'HEAD') {
      const shape = shapes.checkError(c.method, c.path, answer);
      const sameOperation = c.operation === `${c.method} ${c.operation.split(' ')[1]}`;
      if (!shape.documented && sameOperation && ![413, 415, 431].includes(answer.status)) {
        const key = `${c.operation} ${answer.status}`;
        undocumented.set(key, (undocumented.get(key) ?? 0) + 1);
      }
      if (!shape.ok) {
        t.outOfShape++;
        return recorder.add(
          c.category,
          answer,
          'error',
          `${answer.status} out of shape: ${shape.reason}`,
          describe(),
        );
      }
    }
    recorder.add(c.category, answer, 'ok');
  }

  const started = Date.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (Date.now() - started) / 1000;

  const total = [...categories.values()].reduce((n, c) => n + c.requests, 0);
  const notSent = [...categories.values()].reduce((n, c) => n + c.notSent, 0);
  const rows = [...categories.values()];
  rows.push(
    rows.reduce(
      (sum, c) => {
        for (const key of Object.keys(sum)) if (key !== 'category') sum[key] += c[key];
        return sum;
      },
      {
        category: '**all**',
        requests: 0,
        status2xx: 0,
        status3xx: 0,
        status4xx: 0,
        status5xx: 0,
        offOrigin: 0,
        outOfShape: 0,
        noAnswer: 0,
        notSent: 0,
        accepted: 0,
      },
    ),
  );
  const undocumentedText = [...undocumented.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([key, n]) => `${key} (${n})`)
    .join(', ');
  return {
    categories: rows,
    total,
    victim: VICTIM.id,
    summary:
      `${total} requests (seed ${seed}) over ${shapes.operations.length} documented operations ` +
      `(every one in /api/docs/openapi.json, the OAuth endpoints among them) plus unlisted paths and ` +
      `raw malformed HTTP, sent in ${seconds.toFixed(1)} s straight to the two instances, ${CONCURRENCY} at a time. ` +
      `Signed-in cases carry a real session cookie and its CSRF token (${ada.entries.length} sessions of ada, an admin, ` +
      `and ${victim.entries.length} of ${VICTIM.id} for the destructive operations, so that no per-session limit refuses them), ` +
      `device-token cases a real token; forged ones tamper with them.` +
      (notSent > 0 ? ` ${notSent} case(s) Node's client refused to send were skipped.` : '') +
      (undocumentedText
        ? ` For information, statuses the document does not list for the operation (the answer was in the error shape all the same): ${undocumentedText}.`
        : ''),
  };
}
