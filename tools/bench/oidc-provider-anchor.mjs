#!/usr/bin/env node
// The anchors of device-flow.bench.mjs: node-oidc-provider 9 with the device flow on, shaped
// after its own device-flow test configuration (reference oauth-device-flow.md §3.1). With
// DATABASE_URL set it stores everything in that PostgreSQL database through
// oidc-provider-postgres-adapter.mjs (the durable peer of issue #11); without, in its default
// in-memory adapter. Prints "listening on <url>" when ready.
import Provider from 'oidc-provider';
import { postgresAdapter } from './oidc-provider-postgres-adapter.mjs';

const port = Number(process.argv[2] ?? 0);
const issuer = `http://127.0.0.1:${port}`;
const durable = process.env.DATABASE_URL
  ? await postgresAdapter(process.env.DATABASE_URL)
  : undefined;
const provider = new Provider(issuer, {
  adapter: durable?.adapter,
  clients: [
    {
      client_id: 'cli',
      token_endpoint_auth_method: 'none',
      application_type: 'native',
      grant_types: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'],
      response_types: [],
      redirect_uris: [],
    },
  ],
  features: {
    deviceFlow: { enabled: true },
    revocation: { enabled: true },
    introspection: { enabled: true },
  },
  findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
});
const server = provider.listen(port, '127.0.0.1', () => {
  console.log(`listening on ${issuer}`);
});
process.on('SIGINT', () =>
  server.close(async () => {
    await durable?.pool.end();
    process.exit(0);
  }),
);
