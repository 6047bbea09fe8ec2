// The hostile corpus: generated from the served OpenAPI document with a fixed seed, so that a run
// repeats. For every operation, its valid baseline request (corpus-requests.mjs), then that
// request mutated one way at a time, by category (mutations-input.mjs, mutations-protocol.mjs);
// then unlisted paths and raw malformed HTTP. Random strings and JSON values come from
// fast-check's generators, sampled with the run's seed.
import fc from 'fast-check';
import { describeOperation, variantsOf } from './corpus-requests.mjs';
import {
  controlCharacters,
  extraFields,
  hugeAndNested,
  injection,
  invalidUtf8,
  missingFields,
  wrongTypes,
} from './mutations-input.mjs';
import {
  duplicatedParameters,
  forgedCredentials,
  openRedirects,
  oversizedHeaders,
  pathTraversal,
  unlistedCases,
  wrongContentTypes,
} from './mutations-protocol.mjs';

export { DESTRUCTIVE } from './corpus-requests.mjs';

/** Every mutation, in the order the corpus applies them to each operation. */
const MUTATIONS = [
  wrongTypes,
  missingFields,
  extraFields,
  controlCharacters,
  invalidUtf8,
  hugeAndNested,
  oversizedHeaders,
  pathTraversal,
  injection,
  forgedCredentials,
  duplicatedParameters,
  wrongContentTypes,
  openRedirects,
];

/**
 * Every case of the corpus, in a repeatable order.
 * @param {{ document: object, operations: import('./shapes.mjs').Operation[],
 *   ctx: import('./corpus-requests.mjs').HostileContext, random: () => number,
 *   seed: number }} input
 * @returns {import('./corpus-requests.mjs').HostileCase[]}
 */
export function generateCorpus({ document, operations, ctx, random, seed }) {
  const strings = fc.sample(fc.string({ unit: 'binary', maxLength: 40 }), { seed, numRuns: 200 });
  const jsons = fc.sample(fc.jsonValue({ maxDepth: 3 }), { seed: seed + 1, numRuns: 200 });
  let next = 0;
  const tools = {
    random,
    someString: () => strings[next++ % strings.length],
    someJson: () => jsons[next++ % jsons.length],
  };
  const cases = [];
  for (const op of operations) {
    const variant = variantsOf(op, document, ctx, cases);
    const info = describeOperation(op, document, ctx);
    // The baseline itself: what a well-behaved client sends (a device too, where it may).
    variant('baseline', () => undefined);
    if ((op.spec.security ?? []).some((x) => 'deviceToken' in x)) {
      variant('baseline', (d) => (d.credentials = 'bearer'));
      variant('wrong types', (d) => {
        d.credentials = 'bearer';
        d.rawQuery = 'x[]=1&x=2';
      });
    }
    for (const mutate of MUTATIONS) mutate(variant, info, tools);
  }
  // Anonymous too: every fifth signed-in case again without credentials, so that bad input
  // meets the layers in front of authentication as well as those behind it.
  const anonymous = cases
    .filter((c, i) => i % 5 === 0 && c.credentials !== 'none' && !c.mustRefuse)
    .map((c) => ({ ...c, credentials: 'none', noCsrf: false }));
  cases.push(...anonymous, ...unlistedCases(ctx));
  return cases;
}
