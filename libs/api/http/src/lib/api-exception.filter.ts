import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { OAuthError, sendOAuthError } from './oauth-error';
import type { Request, Response } from 'express';
import { requestIdOf } from './request-id';
import { toApiErrorBody } from './api-error';

/**
 * Turns the domain errors of the libraries below HTTP (provider clients, the token vault) into
 * the HttpException to answer, with extra headers; undefined for any other error.
 */
export type DomainErrorMapper = (
  error: unknown,
) => { exception: HttpException; headers?: Record<string, string> } | undefined;

/**
 * The one place where exceptions become HTTP answers: the documented ApiErrorBody for /api/* and
 * every unknown path, RFC 6749 §5.2's shape under /oauth/. 500s are logged with their cause, 503s
 * (something that passes, such as the database restarting) as a warning; bodies say nothing of
 * the cause. A domain error mapped to 503 answers `temporarily_unavailable` under /oauth/.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(private readonly domainErrorToHttp: DomainErrorMapper = () => undefined) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;

    // The authorization server answers every failure in RFC 6749 §5.2's shape, a crash included.
    if (exception instanceof OAuthError || req.path.startsWith('/oauth/')) {
      if (exception instanceof OAuthError) return sendOAuthError(res, exception);
      if (exception instanceof HttpException)
        return sendOAuthError(res, httpToOAuthError(exception));
      const unavailable = this.domainErrorToHttp(exception);
      if (unavailable?.exception.getStatus() === 503) {
        this.logger.warn(`${req.method} ${req.path}: ${unavailable.exception.message}`);
        return sendOAuthError(
          res,
          new OAuthError(
            'temporarily_unavailable',
            unavailable.exception.message,
            503,
            unavailable.headers,
          ),
        );
      }
      this.logger.error({ err: exception, requestId: requestIdOf(req) }, 'request failed');
      return sendOAuthError(
        res,
        new OAuthError('server_error', 'The authorization server failed; try again shortly.', 500),
      );
    }
    const routeNotFound = exception instanceof NotFoundException && isUnmatchedRoute(exception);

    const domain = this.domainErrorToHttp(exception);
    for (const [name, value] of Object.entries(domain?.headers ?? {})) res.setHeader(name, value);
    const body = toApiErrorBody(
      routeNotFound
        ? new NotFoundException(`No endpoint ${req.method} ${req.path}`)
        : (domain?.exception ?? exception),
      requestIdOf(req),
    );
    // A 503 is a condition that passes (a provider or the database not answering): a warning.
    if (body.statusCode === 503)
      this.logger.warn(`${req.method} ${req.path}: ${body.message} (request ${body.requestId})`);
    else if (body.statusCode >= 500)
      this.logger.error({ err: exception, requestId: body.requestId }, 'request failed');
    res.status(body.statusCode).json(body);
  }
}

/** RFC 6749 §5.2 for what Nest raised on an /oauth/ path (an unknown route, say). */
function httpToOAuthError(exception: HttpException): OAuthError {
  const status = exception.getStatus();
  const error = status === 404 ? 'not_found' : status >= 500 ? 'server_error' : 'invalid_request';
  return new OAuthError(error, exception.message, status);
}

/** Nest's router answers a request that matches no route with this NotFoundException. */
function isUnmatchedRoute(exception: NotFoundException): boolean {
  return /^Cannot [A-Z]+ /.test(exception.message);
}
