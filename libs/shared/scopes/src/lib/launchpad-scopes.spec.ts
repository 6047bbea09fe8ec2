import fc from 'fast-check';
import {
  LAUNCHPAD_SCOPES,
  type LaunchpadScope,
  describeLaunchpadScope,
  parseLaunchpadScopes,
  serializeLaunchpadScopes,
} from './launchpad-scopes';
import { isScopeToken, splitScopeTokens } from './scope-string';

const allScopes = Object.keys(LAUNCHPAD_SCOPES) as LaunchpadScope[];

describe('Launchpad scopes', () => {
  it('parses a space-delimited scope string and keeps unknown tokens apart', () => {
    expect(parseLaunchpadScopes('servers:read  servers:deploy admin')).toEqual({
      scopes: ['servers:read', 'servers:deploy'],
      unknown: ['admin'],
    });
  });

  it('is case-sensitive, as RFC 6749 §3.3 requires', () => {
    expect(parseLaunchpadScopes('SERVERS:READ').unknown).toEqual(['SERVERS:READ']);
  });

  it('rejects tokens with characters outside the RFC 6749 scope-token grammar', () => {
    expect(isScopeToken('servers:read')).toBe(true);
    expect(isScopeToken('servers"read')).toBe(false);
    expect(isScopeToken('servers\\read')).toBe(false);
    expect(isScopeToken('')).toBe(false);
  });

  it('describes every scope in words for consent screens', () => {
    for (const scope of allScopes) expect(describeLaunchpadScope(scope).length).toBeGreaterThan(10);
  });

  it('round-trips any subset through serialize and parse', () => {
    fc.assert(
      fc.property(fc.subarray(allScopes), (subset) => {
        const parsed = parseLaunchpadScopes(serializeLaunchpadScopes(subset));
        expect(parsed.unknown).toEqual([]);
        expect([...parsed.scopes].sort()).toEqual([...subset].sort());
      }),
    );
  });

  it('splits without empty tokens or duplicates whatever the spacing', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...allScopes, ' ', '  ')), (parts) => {
        const tokens = splitScopeTokens(parts.join(' '));
        expect(tokens).not.toContain('');
        expect(new Set(tokens).size).toBe(tokens.length);
      }),
    );
  });
});
