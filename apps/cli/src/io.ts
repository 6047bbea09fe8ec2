/** Where a command writes, and how it reaches the network; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  fetch: typeof fetch;
  env: Record<string, string | undefined>;
  /**
   * Asks the person at the terminal and resolves to the trimmed answer (rejects with
   * `Cancelled` on Ctrl-C or end of input); absent when stdin is not a terminal (scripts, CI).
   */
  ask?: (question: string) => Promise<string>;
}

/**
 * Exit codes by kind of failure, so scripts can tell them apart (sysexits.h's EX_USAGE for a
 * wrong command line; 130 is what a shell reports for Ctrl-C). The global help lists them.
 */
export const EXIT = {
  ok: 0,
  /** The API refused (a 4xx/5xx answer, its message printed), or the work failed. */
  failure: 1,
  /** Launchpad could not be reached: connection refused, DNS, timeout, a broken stream. */
  unreachable: 2,
  /** No login (or LAUNCHPAD_TOKEN), or the one there is no longer accepted. */
  notLoggedIn: 4,
  usage: 64,
  cancelled: 130,
} as const;
