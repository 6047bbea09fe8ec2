import { CredentialStore, configDir } from '../auth/credentials';
import { OAuthFailure, pollDeviceLogin, startDeviceLogin } from '../auth/device-login';
import { renderQr } from '../auth/qr';
import { type CliIo, EXIT } from '../io';

/**
 * `launchpad login`: the device flow. Shows the code, the URL and a QR code of the complete URL,
 * polls until the person approves in the browser, stores the tokens (0600).
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
    if (error instanceof OAuthFailure) {
      const why: Record<string, string> = {
        access_denied: 'The request was denied in the browser.',
        expired_token: 'The code expired before it was approved; run launchpad login again.',
      };
      io.stderr(`Login failed: ${why[error.error] ?? error.message}\n`);
      return EXIT.failure;
    }
    io.stderr(`Cannot reach Launchpad at ${options.url}: ${(error as Error).message}\n`);
    return EXIT.unreachable;
  }
}
