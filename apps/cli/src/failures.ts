import { type ApiFieldError, isApiErrorBody } from '@launchpad/shared-api-types';

/**
 * The kinds of failure a command can end with; `run` maps each to its exit code (see EXIT) and
 * prints its message in one place.
 */

/** Not logged in, or the login or LAUNCHPAD_TOKEN is no longer accepted (exit 4). */
export class NotLoggedIn extends Error {}

/** Launchpad answered 4xx/5xx (other than a 401 a login would fix): its message (exit 1). */
export class ApiRefusal extends Error {
  constructor(
    /** The HTTP status. */
    readonly status: number,
    message: string,
    /** The API's request id (the `X-Request-Id` header), to quote when reporting a problem. */
    readonly requestId: string | null,
    readonly fields: readonly ApiFieldError[] = [],
  ) {
    super(message);
  }

  /** Reads a refusal's body: the API's ApiErrorBody, or whatever a proxy answered instead. */
  static async of(res: Response, path: string): Promise<ApiRefusal> {
    const body: unknown = await res.json().catch(() => undefined);
    const requestId = res.headers.get('x-request-id');
    if (isApiErrorBody(body)) {
      return new ApiRefusal(res.status, body.message, body.requestId, body.fields ?? []);
    }
    return new ApiRefusal(res.status, `${path} answered HTTP ${res.status}`, requestId);
  }

  /** The message, each field's problem, the status and the request id: what `run` prints. */
  describe(): string {
    const fields = this.fields.map((f) => `\n  ${f.field}: ${f.message}`).join('');
    const id = this.requestId ? `, request id ${this.requestId}` : '';
    return `${this.message}${fields} (HTTP ${this.status}${id})`;
  }
}

/** No answer from Launchpad: refused connection, unknown host, timeout, broken stream (exit 2). */
export class Unreachable extends Error {
  /** `lostWhile`: what was under way when an open connection broke, e.g. `following deployment x`. */
  constructor(server: string, error: unknown, lostWhile?: string) {
    super(
      lostWhile
        ? `lost the connection to Launchpad at ${server} while ${lostWhile}: ${reason(error)}`
        : `cannot reach Launchpad at ${server}: ${reason(error)}`,
    );
  }
}

/** Ctrl-C or end of input at a question (exit 130); nothing was done. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

/** The shortest true account of a network failure: `ECONNREFUSED`, `ENOTFOUND`, a timeout. */
function reason(error: unknown): string {
  if ((error as Error)?.name === 'TimeoutError') return 'no answer in time';
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
}
