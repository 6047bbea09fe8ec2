/** A wrong command line: one line saying what is wrong, then a hint to `launchpad help`. */
export class UsageError extends Error {}
