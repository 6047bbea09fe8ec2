import { describeProviderScope, missingProviderScopes } from './provider-scopes';

describe('provider scope checks', () => {
  it.each([
    ['linode', 'linodes:read_write', 'linodes:read_write', []],
    ['linode', '*', 'linodes:read_write', []],
    ['linode', 'linodes:read_only account:read_only', 'linodes:read_write', ['linodes:read_write']],
    [
      'linode',
      '',
      'linodes:read_write,events:read_only',
      ['linodes:read_write', 'events:read_only'],
    ],
    ['digitalocean', 'read write', 'droplet:create droplet:read', []],
    ['digitalocean', 'droplet:read', 'droplet:create droplet:read', ['droplet:create']],
    ['digitalocean', 'read', 'account:read droplet:delete', ['droplet:delete']],
  ] as const)(
    '%s: granted %j, required %j → missing %j',
    (provider, granted, required, missing) => {
      expect(missingProviderScopes(provider, granted, required)).toEqual(missing);
    },
  );

  it('describes scopes in words, and shows an unknown one as it is', () => {
    expect(describeProviderScope('linode', 'linodes:read_write')).toBe(
      'See, create, change and delete your Linodes (servers)',
    );
    expect(describeProviderScope('digitalocean', 'droplet:create')).toBe('Create droplets');
    expect(describeProviderScope('digitalocean', 'droplet:fly')).toBe('droplet:fly');
    expect(describeProviderScope('linode', 'nope:read_only')).toBe('nope:read_only');
  });
});
