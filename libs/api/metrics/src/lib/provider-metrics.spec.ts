import { providerOutcome } from './provider-metrics';

describe('providerOutcome', () => {
  it.each([
    [200, true, 'ok'],
    [204, true, 'ok'],
    [200, false, 'server_error'],
    [400, true, 'client_error'],
    [401, true, 'client_error'],
    [404, false, 'client_error'],
    [429, true, 'rate_limited'],
    [429, false, 'rate_limited'],
    [500, true, 'server_error'],
    [502, false, 'server_error'],
    [null, true, 'network_error'],
  ] as const)('HTTP %p (API JSON: %p) is %p', (status, isApiJson, outcome) => {
    expect(providerOutcome(status, isApiJson)).toBe(outcome);
  });
});
