import { sharedScopes } from './shared-scopes';

describe('sharedScopes', () => {
  it('should work', () => {
    expect(sharedScopes()).toEqual('shared-scopes');
  });
});
