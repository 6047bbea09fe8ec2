import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { assignRequestId } from '@launchpad/api-http';
import type { DeviceFlowService } from './device-flow.service';
import {
  DEVICE_CODE_GRANT,
  type OAuthClientsService,
  presentedClient,
} from './oauth-clients.service';
import { OAuthError, sendOAuthError, sendOAuthJson } from '@launchpad/api-http';
import type { OAuthTokensService } from '@launchpad/api-oauth-tokens';

/** The largest form any of these endpoints reads (the rest of the API allows the same). */
const MAX_BODY_BYTES = 100 * 1024;

type Form = Record<string, string>;
type Endpoint = (form: Form, authorization: string | undefined) => Promise<object>;

/**
 * The POST endpoints of Launchpad's authorization server (RFC 8628 device authorization, the
 * token endpoint, RFC 7009 revocation, RFC 7662 introspection), served straight from Node's
 * request before Express's parsers and Nest's router: devices poll the token endpoint every few
 * seconds, so it is the hottest route of the API and does only what the protocol needs. Answers
 * are JSON per RFC 6749 §5, never cached; errors are `{ error, error_description }`.
 */
export class OAuthEndpoints {
  private readonly routes: Record<string, Endpoint>;

  constructor(
    private readonly clients: OAuthClientsService,
    private readonly devices: DeviceFlowService,
    private readonly tokens: OAuthTokensService,
    private readonly issuer: string,
    private readonly logger: () => Logger | undefined,
  ) {
    this.routes = {
      '/oauth/device_authorization': (form, authorization) =>
        this.deviceAuthorization(form, authorization),
      '/oauth/token': (form, authorization) => this.token(form, authorization),
      '/oauth/revoke': (form, authorization) => this.revoke(form, authorization),
      '/oauth/introspect': (form, authorization) => this.introspect(form, authorization),
    };
  }

  /** Connect-style: answers a POST to one of the endpoints, passes anything else on. */
  readonly middleware = (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const endpoint = req.method === 'POST' ? this.routes[pathOf(req.url)] : undefined;
    if (!endpoint) return next();
    const started = performance.now();
    const requestId = assignRequestId(req, res);
    (req as IncomingMessage & { id: string }).id = requestId;
    readForm(req)
      .then((form) => endpoint(form, req.headers.authorization))
      .then(
        (body) => sendOAuthJson(res, 200, body),
        (error: unknown) => this.fail(req, res, error, requestId),
      )
      .finally(() => this.log(req, res, requestId, started));
  };

  private async deviceAuthorization(form: Form, authorization: string | undefined) {
    const client = await this.clients.authenticate(presentedClient(authorization, form));
    return this.devices.authorize(client, form['scope']);
  }

  private async token(form: Form, authorization: string | undefined) {
    const client = await this.clients.authenticate(presentedClient(authorization, form));
    const grantType = form['grant_type'];
    if (!grantType) throw new OAuthError('invalid_request', 'grant_type is required.');
    if (grantType !== DEVICE_CODE_GRANT && grantType !== 'refresh_token') {
      throw new OAuthError(
        'unsupported_grant_type',
        `The grant type ${grantType} is not supported.`,
      );
    }
    if (!client.grantTypes.split(' ').includes(grantType)) {
      throw new OAuthError('unauthorized_client', `This client may not use ${grantType}.`);
    }
    if (grantType === DEVICE_CODE_GRANT) return this.devices.poll(client, form['device_code']);
    if (!form['refresh_token'])
      throw new OAuthError('invalid_request', 'refresh_token is required.');
    return this.tokens.refresh(client.clientId, form['refresh_token'], form['scope']);
  }

  /** RFC 7009: 200 whether or not the token was known. */
  private async revoke(form: Form, authorization: string | undefined) {
    const client = await this.clients.authenticate(presentedClient(authorization, form));
    if (!form['token']) throw new OAuthError('invalid_request', 'token is required.');
    await this.tokens.revoke(client.clientId, form['token']);
    return {};
  }

  /** RFC 7662, for confidential clients only; `{active:false}` for anything not live. */
  private async introspect(form: Form, authorization: string | undefined) {
    const client = await this.clients.authenticate(presentedClient(authorization, form));
    if (client.type !== 'confidential') {
      throw new OAuthError(
        'invalid_client',
        'Only confidential clients may introspect tokens.',
        401,
      );
    }
    if (!form['token']) throw new OAuthError('invalid_request', 'token is required.');
    const row = await this.tokens.active(form['token']);
    if (!row) return { active: false };
    return {
      active: true,
      scope: row.scopes,
      client_id: row.clientId,
      sub: row.userId,
      token_type: row.kind === 'access' ? 'Bearer' : 'refresh_token',
      exp: Math.floor(row.expiresAt.getTime() / 1000),
      iat: Math.floor(row.createdAt.getTime() / 1000),
      iss: this.issuer,
    };
  }

  private fail(req: IncomingMessage, res: ServerResponse, error: unknown, requestId: string) {
    if (error instanceof OAuthError) {
      // A body left unread (too large, wrong type) must not be parsed as the next request.
      if (!req.complete) res.setHeader('Connection', 'close');
      return sendOAuthError(res, error);
    }
    this.logger()?.error({ err: error, requestId }, 'request failed');
    sendOAuthJson(res, 500, {
      error: 'server_error',
      error_description: `Launchpad could not answer this request (request ${requestId}).`,
    });
  }

  /** The line pino-http writes for every other request. */
  private log(req: IncomingMessage, res: ServerResponse, requestId: string, started: number) {
    const logger = this.logger();
    if (!logger?.isLevelEnabled('info')) return;
    // The app's serializers take the raw objects: path without query, status, no headers.
    logger.info(
      { requestId, req, res, responseTime: Math.round(performance.now() - started) },
      'request completed',
    );
  }
}

const pathOf = (url: string | undefined) => {
  const query = url?.indexOf('?') ?? -1;
  return query < 0 ? (url ?? '') : (url ?? '').slice(0, query);
};

/**
 * RFC 6749 §3.2: form-encoded UTF-8, no parameter twice, no request objects (RFC 9101). The body
 * is read up to MAX_BODY_BYTES; beyond that the answer is 413.
 */
async function readForm(req: IncomingMessage): Promise<Form> {
  const [type, ...params] = (req.headers['content-type'] ?? '').split(';');
  if (type?.trim().toLowerCase() !== 'application/x-www-form-urlencoded') {
    throw new OAuthError(
      'invalid_request',
      'Send the parameters form-encoded (Content-Type: application/x-www-form-urlencoded).',
    );
  }
  const charset = params
    .map((p) => p.trim().toLowerCase())
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw new OAuthError('invalid_request', 'Send the parameters in UTF-8.', 415);
  }
  const encoding = req.headers['content-encoding'];
  if (encoding && encoding.toLowerCase() !== 'identity') {
    throw new OAuthError('invalid_request', 'Send the parameters without Content-Encoding.', 415);
  }
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const body = await readBody(req);
  const form: Form = {};
  for (const [name, value] of new URLSearchParams(body)) {
    if (Object.hasOwn(form, name)) {
      throw new OAuthError('invalid_request', `The parameter ${name} appears more than once.`);
    }
    form[name] = value;
  }
  if (form['request'] !== undefined || form['request_uri'] !== undefined) {
    throw new OAuthError('request_not_supported', 'Request objects are not supported.');
  }
  return form;
}

/** The body as text, refused past MAX_BODY_BYTES (the connection is then closed, not drained). */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (error?: OAuthError) => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('aborted', onError);
      if (error) {
        req.pause();
        reject(error);
      } else resolve(Buffer.concat(chunks, size).toString('utf8'));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) done(tooLarge());
      else chunks.push(chunk);
    };
    const onEnd = () => done();
    const onError = () => done(new OAuthError('invalid_request', 'The request body was cut off.'));
    req.on('data', onData).on('end', onEnd).on('error', onError).on('aborted', onError);
  });
}

const tooLarge = () =>
  new OAuthError(
    'invalid_request',
    `The request body is larger than ${MAX_BODY_BYTES / 1024} kB.`,
    413,
  );
