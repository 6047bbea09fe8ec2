import fc from 'fast-check';
import {
  LINODE_SCOPE_FAMILIES,
  type LinodeScope,
  LinodeScopes,
  describeLinodeScope,
  linodeCovers,
  missingLinodeScopes,
  parseLinodeScopes,
  serializeLinodeScopes,
} from './linode-scopes';

const scope: fc.Arbitrary<LinodeScope> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<LinodeScope>({ family: '*', level: '*' }) },
  {
    weight: 12,
    arbitrary: fc.record({
      family: fc.constantFrom(...LINODE_SCOPE_FAMILIES),
      level: fc.constantFrom<LinodeScope['level']>('read_only', 'read_write', '*'),
    }),
  },
);
/** A grant as the login server would hold it: one level per family. */
const grant = fc
  .array(scope, { maxLength: 8 })
  .map((list) => parseLinodeScopes(serializeLinodeScopes(list)).scopes);

describe('Linode scopes', () => {
  it('parses comma-, space- and plus-separated strings alike', () => {
    for (const value of [
      'linodes:read_write,account:read_only',
      'linodes:read_write account:read_only',
      'linodes:read_write+account:read_only',
    ]) {
      expect(parseLinodeScopes(value).scopes).toEqual([
        LinodeScopes.linodes.readWrite,
        LinodeScopes.account.readOnly,
      ]);
    }
  });

  it('reads a family alone as family:*, bare * as everything, and reports unknown tokens', () => {
    expect(parseLinodeScopes('domains,*,teleport:read_only,linodes:fly').scopes).toEqual([
      LinodeScopes.domains.all,
      LinodeScopes.all,
    ]);
    expect(parseLinodeScopes('teleport:read_only linodes:fly').unknown).toEqual([
      'teleport:read_only',
      'linodes:fly',
    ]);
  });

  it('maps the legacy view/create/modify/delete levels', () => {
    expect(parseLinodeScopes('linodes:view').scopes).toEqual([LinodeScopes.linodes.readOnly]);
    for (const legacy of ['create', 'modify', 'delete']) {
      expect(parseLinodeScopes(`linodes:${legacy}`).scopes).toEqual([
        LinodeScopes.linodes.readWrite,
      ]);
    }
  });

  it('serializes for the authorize request, * alone when everything is asked', () => {
    expect(
      serializeLinodeScopes([LinodeScopes.linodes.readWrite, LinodeScopes.account.readOnly]),
    ).toBe('account:read_only,linodes:read_write');
    expect(serializeLinodeScopes([LinodeScopes.linodes.readWrite, LinodeScopes.all])).toBe('*');
  });

  it('names what is missing, in words', () => {
    const missing = missingLinodeScopes(
      [LinodeScopes.linodes.readOnly],
      [LinodeScopes.linodes.readWrite, LinodeScopes.account.readOnly],
    );
    expect(missing).toEqual([LinodeScopes.linodes.readWrite, LinodeScopes.account.readOnly]);
    expect(describeLinodeScope(missing[0]!)).toBe(
      'See, create, change and delete your Linodes (servers)',
    );
  });

  it('round-trips parse ∘ serialize', () => {
    fc.assert(
      fc.property(grant, (scopes) => {
        expect(parseLinodeScopes(serializeLinodeScopes(scopes)).scopes).toEqual(
          expect.arrayContaining(scopes),
        );
        expect(parseLinodeScopes(serializeLinodeScopes(scopes, ' ')).scopes).toHaveLength(
          scopes.length,
        );
      }),
    );
  });

  it('covers is reflexive and transitive, and read_only ⊂ read_write ⊂ * ⊂ bare *', () => {
    fc.assert(fc.property(grant, (a) => expect(linodeCovers(a, a)).toBe(true)));
    // Transitivity on triples where the premise holds by construction: b is drawn from what a
    // covers, c from what b covers, among every scope there is.
    const universe: LinodeScope[] = [
      { family: '*', level: '*' },
      ...LINODE_SCOPE_FAMILIES.flatMap((family) =>
        (['read_only', 'read_write', '*'] as const).map((level) => ({ family, level })),
      ),
    ];
    const picks = fc.array(fc.boolean(), {
      minLength: universe.length,
      maxLength: universe.length,
    });
    const coveredBy = (granted: LinodeScope[], pick: boolean[]) =>
      universe.filter((s, i) => pick[i] && linodeCovers(granted, [s]));
    fc.assert(
      fc.property(grant, picks, picks, (a, pickB, pickC) => {
        const b = coveredBy(a, pickB);
        const c = coveredBy(b, pickC);
        expect(linodeCovers(a, b)).toBe(true);
        expect(linodeCovers(b, c)).toBe(true);
        expect(linodeCovers(a, c)).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...LINODE_SCOPE_FAMILIES), (family) => {
        const chain = [
          LinodeScopes[family].readOnly,
          LinodeScopes[family].readWrite,
          LinodeScopes[family].all,
          LinodeScopes.all,
        ];
        chain.forEach((lower, i) =>
          chain.slice(i).forEach((higher) => expect(linodeCovers([higher], [lower])).toBe(true)),
        );
        expect(
          linodeCovers([LinodeScopes[family].readOnly], [LinodeScopes[family].readWrite]),
        ).toBe(false);
      }),
    );
  });
});
