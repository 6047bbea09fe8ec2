import type { NestExpressApplication } from '@nestjs/platform-express';
import { CSRF_HEADER, type LinkedAccountView, type SessionView } from '@launchpad/shared-api-types';
import request from 'supertest';
import { createLaunchpadApp } from '@launchpad/api-core';
import { type SandboxApp, type SandboxProcess, startSandboxApp } from '@launchpad/api-testing';
import { type Agent, signIn } from '@launchpad/api-testing';
import { AuthModule } from './auth.module';

/** The features this suite exercises, on the core every Launchpad app has. */
const features = [AuthModule];

jest.setTimeout(60_000);

/**
 * Two Launchpad users against the real sandbox, each with a Linode and a DigitalOcean account
 * linked (ada + Sammy, grace + Jamie): neither sees nor disconnects the other's accounts.
 */
describe('linked accounts belong to one user', () => {
  let sandbox: SandboxProcess;
  let running: SandboxApp<NestExpressApplication>;
  let app: NestExpressApplication;
  let owner: Agent;
  let other: Agent;
  let ownerAccounts: LinkedAccountView[];
  let otherSession: SessionView;

  const sessionOf = async (agent: Agent) =>
    (await agent.get('/api/session').expect(200)).body as SessionView;
  const accountsOf = async (agent: Agent) =>
    (await agent.get('/api/accounts').expect(200)).body as LinkedAccountView[];
  const grants = async () =>
    (
      (await (await fetch(`${sandbox.url}/_sandbox/grants`)).json()) as {
        grants: { userId: string; status: string }[];
      }
    ).grants;

  beforeAll(async () => {
    running = await startSandboxApp((config) => createLaunchpadApp(config, features));
    ({ app, sandbox } = running);
  });

  afterAll(async () => {
    await running?.stop();
  });

  beforeEach(async () => {
    // A reset sandbox forgets every token: both people sign in again (Linode first, so that
    // DigitalOcean links to the same user even after a test disconnected it).
    await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
    owner = request.agent(app.getHttpServer());
    other = request.agent(app.getHttpServer());
    await signIn(owner, 'linode', 0);
    await signIn(owner, 'digitalocean', 0);
    await signIn(other, 'linode', 1);
    await signIn(other, 'digitalocean', 1);
    const ownerSession = await sessionOf(owner);
    otherSession = await sessionOf(other);
    expect(ownerSession.user.id).not.toBe(otherSession.user.id);
    ownerAccounts = await accountsOf(owner);
    expect(ownerAccounts.map((a) => a.provider).sort()).toEqual(['digitalocean', 'linode']);
  });

  it('lists to each user their own accounts only', async () => {
    const theirs = await accountsOf(other);
    expect(theirs.map((a) => a.username).sort()).toEqual(['Jamie Droplet', 'grace']);
    const ownerIds = ownerAccounts.map((a) => a.id);
    expect(theirs.filter((a) => ownerIds.includes(a.id))).toEqual([]);
    expect(otherSession.accounts.map((a) => a.id).sort()).toEqual(theirs.map((a) => a.id).sort());
    expect((await accountsOf(owner)).map((a) => a.username).sort()).toEqual([
      'Sammy the Shark',
      'ada',
    ]);
  });

  it('answers 404 to another user disconnecting an account, which stays linked with its tokens', async () => {
    for (const account of ownerAccounts) {
      const res = await other
        .delete(`/api/accounts/${account.id}`)
        .set(CSRF_HEADER, otherSession.csrfToken)
        .expect(404);
      expect(res.body).toMatchObject({ error: 'not_found' });
    }
    expect(await accountsOf(owner)).toEqual(ownerAccounts);
    // Nothing was revoked at the providers: the owner's grants, like everyone's, are alive.
    expect((await grants()).map((g) => g.status)).toEqual(['active', 'active', 'active', 'active']);
    // The other user's own account does disconnect: the 404 is about whose account it is.
    const mine = otherSession.accounts.find((a) => a.provider === 'digitalocean');
    await other
      .delete(`/api/accounts/${mine?.id}`)
      .set(CSRF_HEADER, otherSession.csrfToken)
      .expect(200);
    expect(await accountsOf(owner)).toEqual(ownerAccounts);
  });
});
