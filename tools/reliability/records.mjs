// After the faults: nothing the clients were given is lost. Each check asks the API as its
// client would, through the proxy, and every record that does not answer as it should is a
// failure of the run:
// - sessions: every dashboard session still answers GET /api/session as the same user;
// - device codes: every code still pending answers `authorization_pending` (or `slow_down`);
// - device tokens: every access token a device holds answers GET /api/session, and its refresh
//   token still refreshes (except a pair whose refresh answer was lost in transit: see
//   workload.mjs, counted apart);
// - deployments: every deployment a user has (GET /api/deployments, which also lists those
//   whose creating answer was lost) reaches running or failed within the drain time, every id a
//   client was given is among them, and no Idempotency-Key made two servers;
// - provider accounts: every linked account is still `active` (its tokens were not lost).
import { jsonOf, send } from './http.mjs';
import { sleep } from './random.mjs';

const FINAL = ['running', 'failed'];
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/**
 * @typedef {{ record: string, count: number, lost: number, note?: string }} RecordCheck
 */

/** One browser per Launchpad user (the first of its sessions). */
function onePerUser(browsers) {
  const seen = new Map();
  for (const b of browsers) if (!seen.has(b.userId)) seen.set(b.userId, b);
  return [...seen.values()];
}

/**
 * Waits until every deployment of every user is final (`drainSeconds` at most).
 * @returns {Promise<{ all: any[], pending: any[], waitedS: number }>}
 */
export async function drainDeployments(workload, drainSeconds) {
  const started = Date.now();
  const users = onePerUser(workload.browsers);
  for (;;) {
    const all = [];
    for (const browser of users) {
      const answer = await browser.request('GET', '/api/deployments');
      if (answer.status === 200) {
        for (const d of jsonOf(answer)) all.push({ ...d, owner: browser.userId });
      }
    }
    const pending = all.filter((d) => !FINAL.includes(d.status));
    const waitedS = Math.round((Date.now() - started) / 1000);
    if (pending.length === 0 || Date.now() - started > drainSeconds * 1_000) {
      return { all, pending, waitedS };
    }
    await sleep(1_000);
  }
}

/**
 * Checks every record; failures go to the recorder. @returns {Promise<RecordCheck[]>}
 */
export async function checkRecords({ workload, recorder, drained }) {
  /** @type {RecordCheck[]} */
  const checks = [];
  const lose = (record, detail) => recorder.fail('records', `lost ${record}`, detail);

  let lost = 0;
  for (const browser of workload.browsers) {
    const answer = await browser.request('GET', '/api/session');
    if (answer.status !== 200 || jsonOf(answer)?.user?.id !== browser.userId) {
      lost++;
      lose(
        'session',
        `session of ${browser.demoUser} #${browser.index}: ${answer.status} ${answer.body}`,
      );
    }
  }
  checks.push({
    record: 'browser sessions (signed in before the faults)',
    count: workload.browsers.length,
    lost,
  });

  const pending = workload.pollers.filter((p) => p.state === 'pending');
  lost = 0;
  for (const p of pending) {
    const wait = p.lastPollAt + p.interval * 1_000 - Date.now();
    if (wait > 0) await sleep(Math.min(wait, 6_000));
    const answer = await send(workload.apiUrl, {
      method: 'POST',
      path: '/oauth/token',
      headers: { ...FORM, 'x-forwarded-for': p.address },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
        device_code: p.deviceCode,
        client_id: 'launchpad-cli',
      }).toString(),
    });
    p.lastPollAt = Date.now();
    const error = jsonOf(answer)?.error;
    if (!(answer.status === 400 && ['authorization_pending', 'slow_down'].includes(error))) {
      lost++;
      lose('device code', `pending code of poller ${p.n}: ${answer.status} ${answer.body}`);
    }
  }
  checks.push({ record: 'device codes still pending', count: pending.length, lost });

  const holders = workload.pollers.filter((p) => p.state === 'holding');
  const inDoubt = workload.pollers.filter((p) => p.inDoubt).length;
  lost = 0;
  for (const p of holders) {
    const use = await send(workload.apiUrl, {
      path: '/api/session',
      headers: { authorization: `Bearer ${p.tokens.access}`, 'x-forwarded-for': p.address },
    });
    const refreshed = await send(workload.apiUrl, {
      method: 'POST',
      path: '/oauth/token',
      headers: { ...FORM, 'x-forwarded-for': p.address },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: p.tokens.refresh,
        client_id: 'launchpad-cli',
      }).toString(),
    });
    const body = jsonOf(refreshed);
    if (use.status !== 200 || refreshed.status !== 200 || !body?.access_token) {
      lost++;
      lose(
        'device token',
        `poller ${p.n}: use ${use.status}, refresh ${refreshed.status} ${refreshed.body}`,
      );
    } else {
      p.tokens = { access: body.access_token, refresh: body.refresh_token };
    }
  }
  checks.push({
    record: 'device token pairs (access works, refresh refreshes)',
    count: holders.length,
    lost,
    note:
      inDoubt > 0
        ? `${inDoubt} pair(s) whose answer was lost in transit (the API may have issued or rotated them), not counted`
        : undefined,
  });

  const listed = new Map(drained.all.map((d) => [d.id, d]));
  const missing = [...workload.deployments.keys()].filter((id) => !listed.has(id));
  for (const id of missing) lose('deployment', `deployment ${id} is not listed any more`);
  for (const d of drained.pending) {
    recorder.fail(
      'records',
      'deployment not final',
      `deployment ${d.id} (${d.label}) is ${d.status}: ${d.message}`,
    );
  }
  const running = drained.all.filter((d) => d.status === 'running').length;
  const failed = drained.all.filter((d) => d.status === 'failed').length;
  checks.push({
    record: 'deployments final (running or failed)',
    count: drained.all.length,
    lost: missing.length + drained.pending.length,
    note: `${running} running, ${failed} failed, final within ${drained.waitedS} s of the phase's end${
      workload.unanswered.length > 0
        ? `; ${workload.unanswered.length} create(s) never answered`
        : ''
    }`,
  });

  // One server per deployment: a retried create (same key) or an adopted one made no second.
  let duplicates = 0;
  let servers = 0;
  for (const browser of onePerUser(workload.browsers)) {
    const answer = await browser.request('GET', '/api/servers');
    const list = jsonOf(answer);
    if (answer.status !== 200 || list.problems?.length > 0) {
      recorder.fail(
        'records',
        'servers unreadable',
        `GET /api/servers for ${browser.demoUser}: ${answer.status} ${answer.body.toString().slice(0, 300)}`,
      );
      continue;
    }
    const byLabel = new Map();
    for (const s of list.servers) byLabel.set(s.label, (byLabel.get(s.label) ?? 0) + 1);
    for (const d of drained.all.filter((x) => x.owner === browser.userId)) {
      const count = byLabel.get(d.label) ?? 0;
      servers += count;
      if (count > 1) {
        duplicates++;
        recorder.fail(
          'records',
          'duplicate server',
          `${count} servers labelled ${d.label} (deployment ${d.id})`,
        );
      }
      if (d.status === 'running' && count === 0) {
        duplicates++;
        recorder.fail(
          'records',
          'server missing',
          `deployment ${d.id} (${d.label}) is running but its server is not listed`,
        );
      }
    }
  }
  checks.push({
    record: 'servers of deployments (one each, none twice)',
    count: servers,
    lost: duplicates,
  });

  lost = 0;
  let accounts = 0;
  for (const browser of onePerUser(workload.browsers)) {
    const answer = await browser.request('GET', '/api/accounts');
    for (const account of jsonOf(answer) ?? []) {
      accounts++;
      if (account.status !== 'active') {
        lost++;
        lose(
          'provider account',
          `${account.provider} account of ${browser.demoUser} is ${account.status}`,
        );
      }
    }
  }
  checks.push({ record: 'linked provider accounts still active', count: accounts, lost });
  return checks;
}

/**
 * After the hostile corpus: the dashboard sessions of every user but the corpus's logout victim
 * still work (forged cookies, tokens and CSRF headers ended none of them).
 * @returns {Promise<RecordCheck>}
 */
export async function checkSessionsAfterHostile(workload, recorder, victimUser) {
  const kept = workload.browsers.filter((b) => b.demoUser !== victimUser);
  let lost = 0;
  for (const browser of kept) {
    const answer = await browser.request('GET', '/api/session');
    if (answer.status !== 200 || jsonOf(answer)?.user?.id !== browser.userId) {
      lost++;
      recorder.fail(
        'records',
        'lost session',
        `after the hostile corpus, session of ${browser.demoUser} #${browser.index}: ${answer.status}`,
      );
    }
  }
  return {
    record: `browser sessions after the hostile corpus (all but ${victimUser}'s, which it logged out)`,
    count: kept.length,
    lost,
  };
}
