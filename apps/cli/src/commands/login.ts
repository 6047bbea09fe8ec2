import { LAUNCHPAD_SCOPES, parseLaunchpadScopes } from '@launchpad/shared-scopes';
import { CredentialStore, configDir } from '../auth/credentials';
import { OAuthFailure, pollDeviceLogin, startDeviceLogin } from '../auth/device-login';
import { renderQr } from '../auth/qr';
import type { CommandSpec } from '../command';
import { type CliIo, EXIT } from '../io';
import { UsageError } from '../usage-error';

export const LOGIN: CommandSpec = {
  name: 'login',
  summary: 'Sign in with a code you approve in the browser (OAuth device flow)',
  usage: 'login [--scope <scopes>] [--no-qr] [--json]',
  description:
    'Shows a code, the URL where you approve it and a QR code of that URL, then waits until ' +
    'you approve or deny it in the browser (RFC 8628). The tokens are kept in ' +
    'credentials.json (mode 0600) under $LAUNCHPAD_CONFIG_DIR, one login per Launchpad URL, ' +
    'and refreshed transparently.',
  options: {
    scope: {
      type: 'string',
      value: '<scopes>',
      description: `The permissions to ask for, space-separated: ${Object.keys(LAUNCHPAD_SCOPES).join(', ')} (default: all of them)`,
    },
    'no-qr': { type: 'boolean', description: 'Do not print the QR code' },
    json: {
      type: 'boolean',
      description: 'Print the code as JSON on stderr, and the result as JSON on stdout',
    },
  },
  remote: true,
  examples: [
    'launchpad login',
    "launchpad login --scope 'servers:read account:read'",
    'launchpad login --url https://launchpad.example.com',
  ],
  run: (io, input) =>
    login(io, {
      url: input.url(),
      json: input.json,
      scope: knownScopes(input.options['scope'] as string | undefined),
      noQr: input.options['no-qr'] === true,
    }),
};

/** `--scope` as given, once every scope in it is one of Launchpad's; a UsageError otherwise. */
function knownScopes(scope: string | undefined): string | undefined {
  if (scope === undefined) return undefined;
  const { scopes, unknown } = parseLaunchpadScopes(scope);
  if (unknown.length > 0 || scopes.length === 0) {
    throw new UsageError(
      `--scope: ${unknown.length > 0 ? `unknown scope ${unknown.map((s) => `'${s}'`).join(', ')}` : 'no scope given'}; Launchpad's scopes are ${Object.keys(LAUNCHPAD_SCOPES).join(', ')}`,
    );
  }
  return scope;
}

/**
 * `launchpad login`: the device flow. Shows the code, the URL and a QR code of the complete URL,
 * polls until the person approves in the browser, stores the tokens (0600). Exit 1 when the
 * login is refused; throws `Unreachable` when Launchpad does not answer.
 */
export async function login(
  io: CliIo,
  options: { url: string; json: boolean; scope?: string; noQr?: boolean },
): Promise<number> {
  try {
    const started = await startDeviceLogin(io, options.url, options.scope);
    const link = started.verification_uri_complete ?? started.verification_uri;
    if (options.json) {
      io.stderr(
        `${JSON.stringify({ user_code: started.user_code, verification_uri: started.verification_uri, verification_uri_complete: link })}\n`,
      );
    } else {
      io.stderr(
        `To sign in, open ${started.verification_uri} and enter the code\n\n    ${started.user_code}\n\n` +
          (options.noQr ? '' : `or scan this to open ${link}:\n${renderQr(link)}\n`) +
          `Waiting for approval (the code expires in ${Math.round(started.expires_in / 60)} minutes)…\n`,
      );
    }
    const credentials = await pollDeviceLogin(io, options.url, started);
    await new CredentialStore(configDir(io.env)).set(options.url, credentials);
    if (options.json)
      io.stdout(`${JSON.stringify({ logged_in: true, scope: credentials.scope })}\n`);
    else io.stdout(`Logged in to ${options.url} (${credentials.scope}).\n`);
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof OAuthFailure)) throw error;
    const why: Record<string, string> = {
      access_denied: 'The request was denied in the browser.',
      expired_token: 'The code expired before it was approved; run launchpad login again.',
    };
    io.stderr(`Login failed: ${why[error.error] ?? error.message}\n`);
    return EXIT.failure;
  }
}
