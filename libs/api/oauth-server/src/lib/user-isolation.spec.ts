import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  CSRF_HEADER,
  type DeploymentCreated,
  type DeploymentView,
  IDEMPOTENCY_KEY_HEADER,
  type LinkedAccountView,
  type ServerList,
  type SessionView,
} from '@launchpad/shared-api-types';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createLaunchpadApp } from '@launchpad/api-core';
import { type SandboxApp, type SandboxProcess, startSandboxApp } from '@launchpad/api-testing';
import { type Agent, signIn } from '@launchpad/api-testing';
import { DEVICE_CODE_GRANT } from './oauth-clients.service';
import { AuthModule } from '@launchpad/api-auth';
import { DeploymentsModule } from '@launchpad/api-deployments';
import { ServersModule } from '@launchpad/api-servers';
import { OAuthServerModule } from './oauth-server.module';

/** The features this suite exercises, on the core every Launchpad app has. */
const features = [AuthModule, DeploymentsModule, ServersModule, OAuthServerModule];

jest.setTimeout(60_000);

const CLI = 'launchpad-cli';

/**
 * Two Launchpad users (Linode's ada and grace) and the device flow: a code one of them decided
 * is no longer the other's to look up or decide, and a device token speaks for the person who
 * approved it, never reaching the other's deployments, servers or accounts.
 */
describe('device activations and device tokens belong to the approving user', () => {
  let sandbox: SandboxProcess;
  let running: SandboxApp<NestExpressApplication>;
  let app: NestExpressApplication;
  let owner: Agent;
  let other: Agent;
  let ownerSession: SessionView;
  let otherSession: SessionView;

  const http = () => request(app.getHttpServer());
  const sessionOf = async (agent: Agent) =>
    (await agent.get('/api/session').expect(200)).body as SessionView;
  const authorize = async () =>
    (
      await http()
        .post('/oauth/device_authorization')
        .type('form')
        .send({ client_id: CLI, scope: 'servers:read account:read' })
        .expect(200)
    ).body as { device_code: string; user_code: string };
  const decide = (agent: Agent, session: SessionView, userCode: string, decision: string) =>
    agent
      .post('/api/device/activation')
      .set(CSRF_HEADER, session.csrfToken)
      .send({ user_code: userCode, decision });
  const poll = (deviceCode: string) =>
    http()
      .post('/oauth/token')
      .type('form')
      .send({ grant_type: DEVICE_CODE_GRANT, device_code: deviceCode, client_id: CLI });
  /** A device flow approved by `agent`'s user, carried through to its access token. */
  const deviceTokenOf = async (agent: Agent, session: SessionView) => {
    const started = await authorize();
    await decide(agent, session, started.user_code, 'approve').expect(200);
    return ((await poll(started.device_code).expect(200)).body as { access_token: string })
      .access_token;
  };
  const bearer = (token: string, path: string) =>
    http().get(path).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    running = await startSandboxApp((config) => createLaunchpadApp(config, features));
    ({ app, sandbox } = running);
    owner = request.agent(app.getHttpServer());
    other = request.agent(app.getHttpServer());
    await signIn(owner, 'linode', 0);
    await signIn(other, 'linode', 1);
    ownerSession = await sessionOf(owner);
    otherSession = await sessionOf(other);
    expect(ownerSession.user.id).not.toBe(otherSession.user.id);
  });

  afterAll(async () => {
    await running?.stop();
  });

  it('answers 404 to another user looking up or deciding a code already approved, and the device signs in as the approver', async () => {
    const started = await authorize();
    await decide(owner, ownerSession, started.user_code, 'approve').expect(200);
    await other.get('/api/device/activation').query({ user_code: started.user_code }).expect(404);
    for (const decision of ['approve', 'deny']) {
      const res = await decide(other, otherSession, started.user_code, decision).expect(404);
      expect(res.body).toMatchObject({ error: 'code_not_found' });
    }
    const token = ((await poll(started.device_code).expect(200)).body as { access_token: string })
      .access_token;
    const session = (await bearer(token, '/api/session').expect(200)).body as SessionView;
    expect(session.user.id).toBe(ownerSession.user.id);
    // Once the device holds its tokens, the code is nobody's to decide again.
    await decide(other, otherSession, started.user_code, 'approve').expect(404);
  });

  it('answers 404 to another user deciding a code already denied, and the device stays refused', async () => {
    const started = await authorize();
    await decide(owner, ownerSession, started.user_code, 'deny').expect(200);
    await decide(other, otherSession, started.user_code, 'approve').expect(404);
    const res = await poll(started.device_code).expect(400);
    expect(res.body).toMatchObject({ error: 'access_denied' });
  });

  it('gives a device token the approving user’s resources only: 404 or an empty list for the other’s', async () => {
    const created = await owner
      .post('/api/deployments')
      .set(CSRF_HEADER, ownerSession.csrfToken)
      .set(IDEMPOTENCY_KEY_HEADER, randomUUID())
      .send({
        provider: 'linode',
        application: 'plain',
        plan: 'g6-nanode-1',
        region: 'us-east',
        image: 'linode/debian12',
        label: 'ada-device',
        fields: {},
      })
      .expect(201);
    const { deployment } = created.body as DeploymentCreated;
    await fetch(`${sandbox.url}/_sandbox/seed`, { method: 'POST' });
    const [ownerToken, otherToken] = [
      await deviceTokenOf(owner, ownerSession),
      await deviceTokenOf(other, otherSession),
    ];

    await bearer(otherToken, `/api/deployments/${deployment.id}`).expect(404);
    await bearer(otherToken, `/api/deployments/${deployment.id}/events`).expect(404);
    expect((await bearer(otherToken, '/api/deployments').expect(200)).body).toEqual([]);
    const otherServers = (await bearer(otherToken, '/api/servers').expect(200)).body as ServerList;
    expect(otherServers.servers).toEqual([]);
    const otherAccounts = (await bearer(otherToken, '/api/accounts').expect(200))
      .body as LinkedAccountView[];
    expect(otherAccounts.map((a) => a.username)).toEqual(['grace']);

    // The owner's token reaches all of it.
    const mine = (await bearer(ownerToken, `/api/deployments/${deployment.id}`).expect(200))
      .body as DeploymentView;
    expect(mine.label).toBe('ada-device');
    const ownerServers = (await bearer(ownerToken, '/api/servers').expect(200)).body as ServerList;
    expect(ownerServers.servers.map((s) => s.label)).toContain('ada-blog');
    const ownerAccounts = (await bearer(ownerToken, '/api/accounts').expect(200))
      .body as LinkedAccountView[];
    expect(ownerAccounts.map((a) => a.username)).toEqual(['ada']);
  });
});
