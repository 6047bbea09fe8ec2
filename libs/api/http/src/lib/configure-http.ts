import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import { NotFoundException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { assignRequestId } from './request-id';
import { ApiExceptionFilter, type DomainErrorMapper } from './api-exception.filter';
import { fromMiddlewareError } from './http-errors';
import { answerClientErrors } from './client-errors';
import { noStoreForApi, securityHeaders } from './security-headers';
import { parseQuery } from './query-parser';
import { hasControlCharacter } from '@launchpad/shared-validation';
import type { AppConfig } from '@launchpad/api-config';

/**
 * HTTP concerns of the whole app: request ids, security headers, cookies, body limits, the
 * answers Node gives before Express (oversized headers), and the one exception filter.
 */
export function configureHttp(
  app: NestExpressApplication,
  config: Pick<AppConfig, 'publicUrl' | 'trustProxy'>,
  domainErrors?: DomainErrorMapper,
): void {
  app.disable('x-powered-by');
  // API answers are not cached (no-store where it matters); hashing every body for an ETag
  // costs milliseconds on large lists for nothing.
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  app.set('query parser', parseQuery);
  // First of all, so that even a body the parsers reject gets an id in its answer and log line.
  app.use((req: Request, res: Response, next: NextFunction) => {
    (req as Request & { id: string }).id = assignRequestId(req, res);
    next();
  });
  app.use(securityHeaders(config.publicUrl));
  app.use(refuseControlCharactersInPath);
  app.use(noStoreForApi);
  app.use(cookieParser());
  app.useBodyParser('json', { limit: '100kb' });
  // Forms are the OAuth endpoints' (RFC 6749 §3.2): a repeated parameter stays an array (refused
  // there), and a compressed form is refused with 415 rather than inflated.
  app.useBodyParser('urlencoded', { limit: '100kb', extended: false, inflate: false });
  // Turn the parsers' 4xx errors into HttpExceptions with plain messages before Nest sees them.
  app.use((error: unknown, _req: Request, _res: Response, next: NextFunction) =>
    next(fromMiddlewareError(error) ?? error),
  );

  answerClientErrors(app.getHttpServer());
  app.useGlobalFilters(new ApiExceptionFilter(domainErrors));
}

/**
 * No resource of Launchpad has a control character in its path (`/api/admin/clients/1%00`): such
 * a path answers 404 here, before any route hands the segment to the database (PostgreSQL
 * refuses NUL in text) or to a log line.
 */
function refuseControlCharactersInPath(req: Request, _res: Response, next: NextFunction): void {
  let path = req.path;
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed escape is no control character; the router answers the path as it is.
  }
  if (!hasControlCharacter(path)) return next();
  next(new NotFoundException({ error: 'not_found', message: 'Nothing is at this path.' }));
}
