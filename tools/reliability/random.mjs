// A seeded pseudo-random source (mulberry32), so that a run's choices repeat with its seed.

/** @returns {() => number} uniform in [0, 1) */
export function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An element of `list` picked by `random`. */
export const pick = (random, list) => list[Math.floor(random() * list.length)];

/** A whole number in [min, max]. */
export const between = (random, min, max) => min + Math.floor(random() * (max - min + 1));

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A distinct client address per simulated client, from the benchmarking range 198.18.0.0/15
 * (RFC 2544): only ever written into X-Forwarded-For, never connected to.
 */
export const clientAddress = (n) => `198.${18 + ((n >> 16) & 1)}.${(n >> 8) & 255}.${n & 255}`;

/** A version-4-shaped UUID drawn from `random`, so that a seeded corpus repeats its ids too. */
export function uuidFrom(random) {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16], 16) & 3) | 8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
