import fc from 'fast-check';
import {
  DIGITALOCEAN_ACTIONS,
  DIGITALOCEAN_RESOURCES,
  type DigitalOceanScope,
  describeDigitalOceanScope,
  digitalOceanCovers,
  missingDigitalOceanScopes,
  parseDigitalOceanScopes,
  serializeDigitalOceanScopes,
} from './digitalocean-scopes';

const granular = fc
  .tuple(fc.constantFrom(...DIGITALOCEAN_RESOURCES), fc.constantFrom(...DIGITALOCEAN_ACTIONS))
  .map(([resource, action]) => `${resource}:${action}` as DigitalOceanScope);
const scope = fc.oneof(fc.constantFrom<DigitalOceanScope>('read', 'write'), granular);
const scopes = fc.uniqueArray(scope, { maxLength: 10 });

describe('DigitalOcean scopes', () => {
  it('parses space-separated legacy and granular scopes, reporting unknown ones', () => {
    expect(parseDigitalOceanScopes('read  droplet:create droplet:fly teleport:read')).toEqual({
      scopes: ['read', 'droplet:create'],
      unknown: ['droplet:fly', 'teleport:read'],
    });
  });

  it('lets legacy read imply every :read and legacy write every create, update and delete', () => {
    expect(digitalOceanCovers(['read'], ['droplet:read', 'regions:read'])).toBe(true);
    expect(digitalOceanCovers(['read'], ['droplet:create'])).toBe(false);
    expect(
      digitalOceanCovers(['write'], ['droplet:create', 'droplet:update', 'droplet:delete']),
    ).toBe(true);
    expect(digitalOceanCovers(['write'], ['droplet:read'])).toBe(false);
    expect(digitalOceanCovers(['droplet:read'], ['read'])).toBe(false);
  });

  it('names what is missing, in words', () => {
    const missing = missingDigitalOceanScopes(
      ['droplet:read'],
      ['droplet:read', 'droplet:create', 'account:read'],
    );
    expect(missing.map(describeDigitalOceanScope)).toEqual(['Create droplets', 'See accounts']);
  });

  it('round-trips parse ∘ serialize', () => {
    fc.assert(
      fc.property(scopes, (list) => {
        const parsed = parseDigitalOceanScopes(serializeDigitalOceanScopes(list));
        expect(parsed.unknown).toEqual([]);
        expect([...parsed.scopes].sort()).toEqual([...list].sort());
      }),
    );
  });

  it('covers is reflexive and transitive', () => {
    fc.assert(fc.property(scopes, (a) => expect(digitalOceanCovers(a, a)).toBe(true)));
    // Transitivity on triples where the premise holds by construction: b is drawn from what a
    // covers, c from what b covers, among every scope there is.
    const universe: DigitalOceanScope[] = [
      'read',
      'write',
      ...DIGITALOCEAN_RESOURCES.flatMap((resource) =>
        DIGITALOCEAN_ACTIONS.map((action) => `${resource}:${action}` as DigitalOceanScope),
      ),
    ];
    const picks = fc.array(fc.boolean(), {
      minLength: universe.length,
      maxLength: universe.length,
    });
    const coveredBy = (granted: DigitalOceanScope[], pick: boolean[]) =>
      universe.filter((s, i) => pick[i] && digitalOceanCovers(granted, [s]));
    fc.assert(
      fc.property(scopes, picks, picks, (a, pickB, pickC) => {
        const b = coveredBy(a, pickB);
        const c = coveredBy(b, pickC);
        expect(digitalOceanCovers(a, b)).toBe(true);
        expect(digitalOceanCovers(b, c)).toBe(true);
        expect(digitalOceanCovers(a, c)).toBe(true);
      }),
    );
  });
});
