/** Where a command writes, and how it reaches the network; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  fetch: typeof fetch;
  env: Record<string, string | undefined>;
  /** Asks the person at the terminal; absent when stdin is not a terminal (scripts). */
  ask?: (question: string) => Promise<string>;
}

/** Exit codes of sysexits.h where one fits, so scripts can tell failures apart. */
export const EXIT = { ok: 0, failure: 1, unreachable: 2, usage: 64 } as const;
