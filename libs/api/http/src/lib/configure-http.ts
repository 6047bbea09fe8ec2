import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { AppConfig } from '@launchpad/api-config';
import { assignRequestId } from './request-id';
import { ApiExceptionFilter, type DomainErrorMapper } from './api-exception.filter';
import { fromMiddlewareError } from './http-errors';
import { SpaFallback, isApiPath } from './spa-fallback';

/** HTTP concerns of the whole app: body limits, the built SPA, and the one exception filter. */
export function configureHttp(
  app: NestExpressApplication,
  config: AppConfig,
  domainErrors?: DomainErrorMapper,
): void {
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

  const spa = new SpaFallback(config.webDistDir);
  const assets = express.static(config.webDistDir, {
    index: false,
    // Angular names bundles by content hash, so they never change under one name.
    setHeaders: (res, path) => {
      if (/-[0-9A-Z]{8}\.(js|css|woff2?)$/.test(path)) {
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      }
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) =>
    isApiPath(req.path) ? next() : assets(req, res, next),
  );
  app.useGlobalFilters(new ApiExceptionFilter(spa, domainErrors));
}
