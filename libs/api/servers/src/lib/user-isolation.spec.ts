import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  CSRF_HEADER,
  type ServerList,
  type ServerView,
  type SessionView,
} from '@launchpad/shared-api-types';
import request from 'supertest';
import { createLaunchpadApp } from '@launchpad/api-core';
import { type SandboxApp, type SandboxProcess, startSandboxApp } from '@launchpad/api-testing';
import { type Agent, signIn } from '@launchpad/api-testing';
import { AuthModule } from '@launchpad/api-auth';
import { ServersModule } from './servers.module';

/** The features this suite exercises, on the core every Launchpad app has. */
const features = [AuthModule, ServersModule];

jest.setTimeout(60_000);

/**
 * Two Launchpad users against the real sandbox: ada with Sammy's DigitalOcean account linked
 * owns the seeded demo servers; grace with Jamie's account linked owns none. Grace reads, reboots
 * and deletes ada's servers by id and is told they do not exist; ada's servers stay as they were.
 */
describe('servers are reached through their owner’s linked accounts only', () => {
  let sandbox: SandboxProcess;
  let running: SandboxApp<NestExpressApplication>;
  let app: NestExpressApplication;
  let owner: Agent;
  let other: Agent;
  let otherCsrf: string;
  let owned: ServerView[];

  const sessionOf = async (agent: Agent) =>
    (await agent.get('/api/session').expect(200)).body as SessionView;
  const listOf = async (agent: Agent) =>
    (await agent.get('/api/servers').expect(200)).body as ServerList;
  const path = (server: ServerView) => `/api/servers/${server.provider}/${server.id}`;

  beforeAll(async () => {
    running = await startSandboxApp((config) => createLaunchpadApp(config, features));
    ({ app, sandbox } = running);
  });

  afterAll(async () => {
    await running?.stop();
  });

  beforeEach(async () => {
    // A reset sandbox forgets every token: both people sign in again (as the same users).
    await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
    // ada's two Linodes and Sammy's droplet, all running.
    await fetch(`${sandbox.url}/_sandbox/seed`, { method: 'POST' });
    owner = request.agent(app.getHttpServer());
    other = request.agent(app.getHttpServer());
    await signIn(owner, 'linode', 0);
    await signIn(owner, 'digitalocean', 0);
    await signIn(other, 'linode', 1);
    await signIn(other, 'digitalocean', 1);
    const [ownerSession, otherSession] = await Promise.all([sessionOf(owner), sessionOf(other)]);
    // Two people, each with both providers linked, not one person signed in twice.
    expect(ownerSession.user.id).not.toBe(otherSession.user.id);
    expect(otherSession.accounts.map((a) => a.username).sort()).toEqual(['Jamie Droplet', 'grace']);
    otherCsrf = otherSession.csrfToken;
    owned = (await listOf(owner)).servers;
    expect(owned.map((s) => `${s.provider}:${s.label}`).sort()).toEqual([
      'digitalocean:sammy-web',
      'linode:ada-blog',
      'linode:ada-build-box',
    ]);
  });

  /** The owner's view of their servers, by id: nothing another user did may show here. */
  const ownerSees = async () =>
    (await listOf(owner)).servers.map((s) => ({
      id: s.id,
      provider: s.provider,
      status: s.status,
    }));

  it('lists none of another user’s servers', async () => {
    const theirs = await listOf(other);
    expect(theirs).toEqual({ servers: [], problems: [] });
  });

  it('answers 404 to another user reading a server by id, and 200 to its owner', async () => {
    for (const server of owned) {
      const res = await other.get(path(server)).expect(404);
      expect(JSON.stringify(res.body)).not.toContain(server.label);
      const mine = (await owner.get(path(server)).expect(200)).body as ServerView;
      expect(mine).toMatchObject({ id: server.id, label: server.label });
    }
  });

  it('answers 404 to another user rebooting a server, which keeps running', async () => {
    const before = await ownerSees();
    for (const server of owned) {
      await other
        .post(`${path(server)}/reboot`)
        .set(CSRF_HEADER, otherCsrf)
        .expect(404);
    }
    expect(await ownerSees()).toEqual(before);
    expect(before.every((s) => s.status === 'running')).toBe(true);
  });

  it('answers 404 to another user deleting a server, which stays', async () => {
    const before = await ownerSees();
    for (const server of owned) {
      await other.delete(path(server)).set(CSRF_HEADER, otherCsrf).expect(404);
    }
    expect(await ownerSees()).toEqual(before);
    for (const server of owned) await owner.get(path(server)).expect(200);
  });
});
