// The traffic of the load and fault phases: device-flow pollers at their interval and signed-in
// dashboard users, each with its own client address (X-Forwarded-For), so that the per-address
// and per-session rate limits stay on and count them as they would count real people.
// - a poller asks for a device code, then polls the token endpoint every `interval` seconds
//   (RFC 8628 §3.4; `slow_down` adds 5 s, §3.5); once someone approves it, it holds tokens and
//   uses them as a CLI would (GET /api/session or /api/servers every 5 s, a refresh every 30 s);
// - a dashboard user views pages (servers, catalog, deployments, session, accounts) every 2–4 s,
//   deploys once per phase (Idempotency-Key, retried with the same key when the answer is lost)
//   and follows the deployment's events (SSE, resumed with Last-Event-ID as EventSource does);
// - an approver (a signed-in user at /activate) approves or denies some pending codes.
import { Browser } from './browser.mjs';
import { jsonOf, send, stream } from './http.mjs';
import { between, clientAddress, pick, sleep } from './random.mjs';

export const DEMO_USERS = [
  { provider: 'linode', id: 'linode-ada' },
  { provider: 'linode', id: 'linode-grace' },
  { provider: 'linode', id: 'linode-linus' },
  { provider: 'digitalocean', id: 'b7a1c3d4-5e6f-4a8b-9c0d-1e2f3a4b5c6d' },
  { provider: 'digitalocean', id: 'e8f9a0b1-c2d3-4e4f-a5b6-c7d8e9f0a1b2' },
  { provider: 'digitalocean', id: '4c5d6e7f-8091-4a2b-8c3d-4e5f60718293' },
];

const CLI = 'launchpad-cli';
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const form = (fields) => new URLSearchParams(fields).toString();
const FINAL = ['running', 'failed'];

/** Expected answers, by what the traffic asked for. */
const status =
  (...codes) =>
  (answer) =>
    codes.includes(answer.status);
const oauthError =
  (...codes) =>
  (answer, body) =>
    answer.status === 400 && codes.includes(body?.error);

/** Whether an answer never reached the client from the API (to be retried, as a client would). */
const lost = (answer) => answer.status === 0 || answer.headers['x-reliability-proxy'] !== undefined;
/** Whether the API said "not now" (503 while its database was down). */
const unavailable = (answer) => answer.status === 503;

/**
 * @typedef {object} Poller
 * @property {number} n
 * @property {string} address
 * @property {'new' | 'pending' | 'holding' | 'denied' | 'failed' | 'done'} state  `done`: an answer
 *   that carried tokens was lost in transit, the pair is in doubt
 * @property {string} [deviceCode]
 * @property {string} [userCode]
 * @property {number} interval      seconds between polls
 * @property {number} lastPollAt    Date.now() of the last poll's answer
 * @property {{ access: string, refresh: string }} [tokens]
 * @property {boolean} inDoubt      an answer with tokens was lost: the API may have issued them
 * @property {boolean} [lostPoll]   the last poll's answer never arrived
 * @property {number} uses          bearer requests made
 */

export class Workload {
  /**
   * @param {{ apiUrl: string, recorder: import('./metrics.mjs').Recorder,
   *   shapes: import('./shapes.mjs').DocumentedShapes, random: () => number,
   *   pollers: number, users: number }} options
   */
  constructor({ apiUrl, recorder, shapes, random, pollers, users }) {
    this.apiUrl = apiUrl;
    this.recorder = recorder;
    this.shapes = shapes;
    this.random = random;
    this.userCount = users;
    /** @type {Browser[]} */
    this.browsers = [];
    /** @type {Poller[]} */
    this.pollers = Array.from({ length: pollers }, (_, n) => ({
      n,
      address: clientAddress(n + 1),
      state: 'new',
      interval: 5,
      lastPollAt: 0,
      inDoubt: false,
      uses: 0,
    }));
    /** Every deployment id a client was told about, with its owner's browser. */
    this.deployments = new Map();
    /** Idempotency keys whose create never got an answer after every retry. */
    this.unanswered = [];
    this.deploySerial = 0;
    this.approved = 0;
    this.denied = 0;
  }

  /** A request recorded under `traffic`, judged against `expected`. */
  async call(traffic, expected, origin, init, detail) {
    const answer = await send(origin, init);
    this.recorder.record(traffic, answer, expected, {
      shapes: this.shapes,
      method: init.method ?? 'GET',
      path: init.path,
      detail,
    });
    return answer;
  }

  /** Signs in the dashboard users (6 sandbox demo users in turn), 5 at a time. */
  async prepare() {
    for (let i = 0; i < this.userCount; i += 5) {
      const batch = [];
      for (let j = i; j < Math.min(this.userCount, i + 5); j++) {
        const user = DEMO_USERS[j % DEMO_USERS.length];
        const browser = new Browser(this.apiUrl, clientAddress(1_000 + j), {
          provider: user.provider,
          demoUser: user.id,
          index: j,
        });
        batch.push(browser.signIn(user.provider, user.id).then(() => browser));
      }
      this.browsers.push(...(await Promise.all(batch)));
    }
    // What a plain server needs on each provider, from the catalog as the deploy page reads it.
    this.targets = {};
    for (const provider of ['linode', 'digitalocean']) {
      const browser = this.browsers.find((b) => b.provider === provider);
      const answer = await browser.request('GET', `/api/catalog/${provider}?application=plain`);
      const catalog = jsonOf(answer);
      if (answer.status !== 200) throw new Error(`catalog ${provider}: ${answer.status}`);
      const plan = catalog.plans.find((p) => p.regions.length > 0);
      this.targets[provider] = {
        provider,
        application: 'plain',
        plan: plan.id,
        region: plan.regions[0],
        image: catalog.images[0].id,
      };
    }
  }

  /**
   * Runs every actor for `seconds`: the recorder's phase must be set by the caller.
   * @param {{ seconds: number, deploy: boolean, approvals: number }} plan
   */
  async run({ seconds, deploy, approvals }) {
    const until = Date.now() + seconds * 1_000;
    await Promise.all([
      ...this.pollers.map((p, i) =>
        this.poll(p, until, i * Math.min(25, (seconds * 100) / this.pollers.length)),
      ),
      ...this.browsers.map((b) => this.browse(b, until, deploy, seconds)),
      this.approve(until, approvals, seconds),
    ]);
  }

  // ---- device-flow pollers -------------------------------------------------------------------

  async poll(p, until, startDelayMs) {
    await sleep(Math.min(startDelayMs, Math.max(0, until - Date.now())));
    while (Date.now() < until) {
      if (p.state === 'new' || p.state === 'failed') {
        await this.authorize(p);
        if (p.state !== 'pending') {
          await sleep(Math.min(5_000, Math.max(0, until - Date.now())));
        }
        continue;
      }
      if (p.state === 'pending') {
        const wait = p.lastPollAt + p.interval * 1_000 - Date.now();
        if (wait > 0) {
          if (Date.now() + wait > until) return;
          await sleep(wait);
        }
        await this.pollOnce(p);
        continue;
      }
      if (p.state === 'holding') {
        const wait = p.lastPollAt + 5_000 - Date.now();
        if (wait > 0) {
          if (Date.now() + wait > until) return;
          await sleep(wait);
        }
        await this.useTokens(p);
        continue;
      }
      return; // denied: the device gives up, as RFC 8628 §3.5 says
    }
  }

  async authorize(p) {
    const answer = await this.call(
      'device authorization',
      (a, body) => a.status === 200 && typeof body?.device_code === 'string',
      this.apiUrl,
      {
        method: 'POST',
        path: '/oauth/device_authorization',
        headers: { ...FORM, 'x-forwarded-for': p.address },
        body: form({ client_id: CLI, scope: 'servers:read account:read' }),
      },
    );
    const body = jsonOf(answer);
    if (answer.status === 200 && body?.device_code) {
      p.deviceCode = body.device_code;
      p.userCode = body.user_code;
      p.interval = body.interval;
      p.lastPollAt = Date.now();
      p.state = 'pending';
    } else {
      p.state = 'failed';
    }
  }

  async pollOnce(p) {
    const answer = await this.call(
      'token poll',
      (a, body) =>
        oauthError('authorization_pending', 'slow_down')(a, body) ||
        (a.status === 200 && typeof body?.access_token === 'string') ||
        oauthError('access_denied')(a, body) ||
        // The previous poll's answer was lost: it may have taken the tokens (RFC 8628: a code
        // is used once; a second use revokes what it gave).
        (p.lostPoll === true && oauthError('invalid_grant')(a, body)),
      this.apiUrl,
      {
        method: 'POST',
        path: '/oauth/token',
        headers: { ...FORM, 'x-forwarded-for': p.address },
        body: form({ grant_type: DEVICE_GRANT, device_code: p.deviceCode, client_id: CLI }),
      },
    );
    p.lastPollAt = Date.now();
    const body = jsonOf(answer);
    const previousLost = p.lostPoll === true;
    p.lostPoll = lost(answer);
    if (answer.status === 200 && body?.access_token) {
      p.tokens = { access: body.access_token, refresh: body.refresh_token };
      p.state = 'holding';
    } else if (previousLost && body?.error === 'invalid_grant') {
      p.inDoubt = true;
      p.state = 'done';
    } else if (body?.error === 'slow_down') {
      p.interval += 5;
      p.slowDowns = (p.slowDowns ?? 0) + 1;
    } else if (body?.error === 'access_denied') {
      p.state = 'denied';
    }
  }

  async useTokens(p) {
    p.uses++;
    p.lastPollAt = Date.now();
    if (p.uses % 6 === 0) return this.refresh(p);
    const path = p.uses % 2 === 0 ? '/api/servers' : '/api/session';
    await this.call('device token use', status(200), this.apiUrl, {
      path,
      headers: { authorization: `Bearer ${p.tokens.access}`, 'x-forwarded-for': p.address },
    });
  }

  async refresh(p) {
    const answer = await this.call(
      'token refresh',
      (a, body) => a.status === 200 && typeof body?.access_token === 'string',
      this.apiUrl,
      {
        method: 'POST',
        path: '/oauth/token',
        headers: { ...FORM, 'x-forwarded-for': p.address },
        body: form({
          grant_type: 'refresh_token',
          refresh_token: p.tokens.refresh,
          client_id: CLI,
        }),
      },
    );
    const body = jsonOf(answer);
    if (answer.status === 200 && body?.access_token) {
      p.tokens = { access: body.access_token, refresh: body.refresh_token };
    } else if (lost(answer)) {
      // The API may have rotated the refresh token without the client getting the new one:
      // RFC 9700 §4.14.2 reuse detection then revokes the family, by design. Not counted as lost.
      p.inDoubt = true;
      p.state = 'done';
    }
  }

  // ---- dashboard users -----------------------------------------------------------------------

  async browse(browser, until, deploy, seconds) {
    const random = this.random;
    const deployAt = deploy ? Date.now() + between(random, 1_000, (seconds * 1_000) / 2) : Infinity;
    let deployed = false;
    await sleep(between(random, 0, 2_000));
    while (Date.now() < until) {
      if (!deployed && Date.now() >= deployAt) {
        deployed = true;
        await this.deploy(browser, until);
      } else {
        const page = pick(random, [
          'servers',
          'servers',
          'catalog',
          'deployments',
          'session',
          'accounts',
        ]);
        await this.view(browser, page);
      }
      const think = between(random, 2_000, 4_000);
      if (Date.now() + think > until) return;
      await sleep(think);
    }
  }

  async view(browser, page) {
    const path = {
      servers: '/api/servers',
      catalog: `/api/catalog/${browser.provider}?application=plain`,
      deployments: '/api/deployments',
      session: '/api/session',
      accounts: '/api/accounts',
    }[page];
    const answer = await browser.request('GET', path);
    this.recorder.record(`dashboard ${page}`, answer, status(200), {
      shapes: this.shapes,
      path,
    });
  }

  /** POST /api/deployments, retried with the same key while the answer is lost; then events. */
  async deploy(browser, until) {
    const serial = ++this.deploySerial;
    const key = `reliability-${this.recorder.phase}-${browser.index}-${serial}`;
    const body = {
      ...this.targets[browser.provider],
      label: `rel-${this.recorder.phase.slice(0, 1)}${browser.index}-${serial}`,
      fields: {},
    };
    const expected = (answer, json) =>
      ([200, 201].includes(answer.status) && typeof json?.deployment?.id === 'string') ||
      // A sandbox 429 on the create: the deployment is recorded as failed, the user is told.
      (answer.status === 429 &&
        json?.error === 'provider_rate_limited' &&
        this.recorder.overlaps('sandbox', answer.at, answer.at + answer.ms));
    for (let attempt = 0; attempt < 10; attempt++) {
      const answer = await browser.request('POST', '/api/deployments', {
        body,
        headers: { 'idempotency-key': key },
      });
      this.recorder.record('deploy', answer, expected, {
        shapes: this.shapes,
        method: 'POST',
        path: '/api/deployments',
      });
      const json = jsonOf(answer);
      if (json?.deployment?.id) {
        this.deployments.set(json.deployment.id, { browser, key, label: body.label });
        return this.follow(browser, json.deployment.id, until);
      }
      if (!lost(answer) && !unavailable(answer)) return;
      await sleep(1_000);
    }
    this.unanswered.push(key);
  }

  /** Follows a deployment's events until it is final, resuming with Last-Event-ID. */
  async follow(browser, id, until) {
    let lastEventId;
    for (let attempt = 0; attempt < 20 && Date.now() < until; attempt++) {
      const path = `/api/deployments/${id}/events`;
      const answer = await stream(this.apiUrl, {
        path,
        headers: browser.headers(lastEventId ? { 'last-event-id': lastEventId } : {}),
        stopAt: until,
      });
      this.recorder.record('deployment events', answer, status(200, 204), {
        shapes: this.shapes,
        path,
      });
      for (const event of answer.events) {
        if (event.id !== undefined) lastEventId = event.id;
        if (event.event === 'status' && FINAL.includes(JSON.parse(event.data).status)) return;
      }
      if (answer.status === 204 || answer.ended === 'deadline') return;
      await sleep(2_000); // the stream's `retry: 2000`
    }
  }

  // ---- the person at /activate ---------------------------------------------------------------

  async approve(until, count, seconds) {
    if (count === 0) return;
    const step = (seconds * 1_000 * 0.8) / count;
    for (let i = 0; i < count && Date.now() < until; i++) {
      await sleep(step);
      const p = this.pollers.find((x) => x.state === 'pending' && !x.deciding);
      if (!p) continue;
      p.deciding = true;
      const browser = this.browsers[(this.approved + this.denied) % this.browsers.length];
      const decision = (this.approved + this.denied) % 10 === 9 ? 'deny' : 'approve';
      const query = `/api/device/activation?user_code=${encodeURIComponent(p.userCode)}`;
      const looked = await browser.request('GET', query);
      this.recorder.record('activation', looked, status(200), { shapes: this.shapes, path: query });
      for (let attempt = 0; attempt < 5; attempt++) {
        const answer = await browser.request('POST', '/api/device/activation', {
          body: { user_code: p.userCode, decision },
        });
        // A retry after a lost answer may find the code decided by the attempt that was lost.
        const expected = (a, json) =>
          a.status === 200 || (attempt > 0 && a.status === 404 && json?.error === 'code_not_found');
        this.recorder.record('activation', answer, expected, {
          shapes: this.shapes,
          method: 'POST',
          path: '/api/device/activation',
        });
        if (answer.status === 200) {
          if (decision === 'approve') {
            this.approved++;
            p.approvedFor = browser.userId;
          } else this.denied++;
          break;
        }
        if (!lost(answer) && !unavailable(answer)) break;
        await sleep(1_000);
      }
    }
  }
}
