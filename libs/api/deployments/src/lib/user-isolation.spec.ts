import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  CSRF_HEADER,
  type DeploymentCreated,
  type DeploymentView,
  IDEMPOTENCY_KEY_HEADER,
  type SessionView,
} from '@launchpad/shared-api-types';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createLaunchpadApp } from '@launchpad/api-core';
import { type SandboxApp, startSandboxApp } from '@launchpad/api-testing';
import { type Agent, readEventStream, signIn } from '@launchpad/api-testing';
import { AuthModule } from '@launchpad/api-auth';
import { DeploymentsModule } from './deployments.module';

/** The features this suite exercises, on the core every Launchpad app has. */
const features = [AuthModule, DeploymentsModule];

// A sandbox server provisions for 4 s and boots for 3 s: the owner's stream runs that long.
jest.setTimeout(60_000);

/**
 * Two Launchpad users (Linode's ada and grace) against the real sandbox: a deployment is seen,
 * streamed and listed by the user who made it only; the other is told it does not exist.
 */
describe('deployments belong to the user who made them', () => {
  let running: SandboxApp<NestExpressApplication>;
  let app: NestExpressApplication;
  let owner: Agent;
  let other: Agent;
  let deployment: DeploymentView;

  beforeAll(async () => {
    running = await startSandboxApp((config) => createLaunchpadApp(config, features));
    ({ app } = running);
    owner = request.agent(app.getHttpServer());
    other = request.agent(app.getHttpServer());
    await signIn(owner, 'linode', 0);
    await signIn(other, 'linode', 1);
    const [ownerSession, otherSession] = await Promise.all(
      [owner, other].map(
        async (a) => (await a.get('/api/session').expect(200)).body as SessionView,
      ),
    );
    // Two people, not one person signed in twice.
    expect(ownerSession?.user.id).not.toBe(otherSession?.user.id);
    const created = await owner
      .post('/api/deployments')
      .set(CSRF_HEADER, ownerSession?.csrfToken ?? '')
      .set(IDEMPOTENCY_KEY_HEADER, randomUUID())
      .send({
        provider: 'linode',
        application: 'plain',
        plan: 'g6-nanode-1',
        region: 'us-east',
        image: 'linode/debian12',
        label: 'ada-private',
        fields: {},
      })
      .expect(201);
    deployment = (created.body as DeploymentCreated).deployment;
  });

  afterAll(async () => {
    await running?.stop();
  });

  /** The deployment's event stream read to its end, as the owner's browser would. */
  const streamOf = async (agent: Agent, id: string) =>
    String(
      (
        await readEventStream(agent.get(`/api/deployments/${id}/events`))
          .expect(200)
          .expect('Content-Type', /text\/event-stream/)
      ).body,
    );

  it('answers 404 to another user asking for the deployment, and still shows it to its owner', async () => {
    const res = await other.get(`/api/deployments/${deployment.id}`).expect(404);
    expect(res.body).toMatchObject({ error: 'not_found' });
    expect(JSON.stringify(res.body)).not.toContain('ada-private');
    const mine = (await owner.get(`/api/deployments/${deployment.id}`).expect(200))
      .body as DeploymentView;
    expect(mine).toMatchObject({ id: deployment.id, label: 'ada-private', provider: 'linode' });
  });

  it('answers 404, not a stream, to another user asking for the deployment’s events', async () => {
    const res = await other.get(`/api/deployments/${deployment.id}/events`).expect(404);
    expect(res.headers['content-type']).not.toMatch(/text\/event-stream/);
    expect(res.body).toMatchObject({ error: 'not_found' });
    // Also on a reconnect, which takes another path for a finished deployment.
    await other
      .get(`/api/deployments/${deployment.id}/events`)
      .set('Last-Event-ID', '1000')
      .expect(404);
    const stream = await streamOf(owner, deployment.id);
    expect(stream).toContain('event: status');
    expect(stream).toContain('ada-private');
  });

  it('lists none of the deployment to another user, and lists it to its owner', async () => {
    const theirs = (await other.get('/api/deployments').expect(200)).body as DeploymentView[];
    expect(theirs).toEqual([]);
    const mine = (await owner.get('/api/deployments').expect(200)).body as DeploymentView[];
    expect(mine.map((d) => d.id)).toEqual([deployment.id]);
  });
});
