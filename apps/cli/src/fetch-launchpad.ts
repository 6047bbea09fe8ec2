import { Unreachable } from './failures';
import type { CliIo } from './io';

/**
 * `fetch(server + path)` whose network failures (refused connection, unknown host, timeout,
 * TLS) throw `Unreachable`, so no caller mistakes them for an answer. Any HTTP status resolves.
 */
export async function fetchLaunchpad(
  io: CliIo,
  server: string,
  path: string,
  init: RequestInit,
): Promise<Response> {
  try {
    return await io.fetch(`${server}${path}`, init);
  } catch (error) {
    throw new Unreachable(server, error);
  }
}
