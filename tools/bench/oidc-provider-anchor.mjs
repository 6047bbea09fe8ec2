#!/usr/bin/env node
// The anchor of device-flow.bench.mjs: node-oidc-provider 9 with the device flow on and its
// default in-memory adapter, shaped after its own device-flow test configuration
// (reference oauth-device-flow.md §3.1). Prints "listening on <url>" when ready.
import Provider from 'oidc-provider';

const port = Number(process.argv[2] ?? 0);
const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
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
process.on('SIGINT', () => server.close(() => process.exit(0)));
