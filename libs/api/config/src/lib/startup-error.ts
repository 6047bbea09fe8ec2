/**
 * A reason the API cannot start that a person can fix (a bad variable, an unreachable database,
 * a data directory in use). main.ts prints its one-line message and exits, without a stack trace.
 */
export class StartupError extends Error {
  override readonly name: string = 'StartupError';
}
