import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import { assignRequestId } from './request-id';
import { ApiExceptionFilter, type DomainErrorMapper } from './api-exception.filter';
import { fromMiddlewareError } from './http-errors';

/** HTTP concerns of the whole app: request ids, cookies, body limits, and the one exception filter. */
export function configureHttp(app: NestExpressApplication, domainErrors?: DomainErrorMapper): void {
  app.disable('x-powered-by');
  // API answers are not cached (no-store where it matters); hashing every body for an ETag
  // costs milliseconds on large lists for nothing.
  app.set('etag', false);
  app.set('trust proxy', 'loopback');
  // First of all, so that even a body the parsers reject gets an id in its answer and log line.
  app.use((req: Request, res: Response, next: NextFunction) => {
    (req as Request & { id: string }).id = assignRequestId(req, res);
    next();
  });
  app.use(cookieParser());
  app.useBodyParser('json', { limit: '100kb' });
  // Forms are the OAuth endpoints' (RFC 6749 §3.2): a repeated parameter stays an array (refused
  // there), and a compressed form is refused with 415 rather than inflated.
  app.useBodyParser('urlencoded', { limit: '100kb', extended: false, inflate: false });
  // Turn the parsers' 4xx errors into HttpExceptions with plain messages before Nest sees them.
  app.use((error: unknown, _req: Request, _res: Response, next: NextFunction) =>
    next(fromMiddlewareError(error) ?? error),
  );

  app.useGlobalFilters(new ApiExceptionFilter(domainErrors));
}
