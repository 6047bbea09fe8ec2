import { type DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import type { Response } from 'express';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { AppConfig } from '@launchpad/api-config';

/**
 * Every path but the API's (`/api`, `/oauth`, `/.well-known` and below, and Prometheus's
 * `/metrics`): an unknown API path answers the JSON 404, never the SPA. A render path rather than
 * the module's `exclude` list: for an excluded path, serve-static's error middleware turns any
 * earlier middleware error (a malformed JSON body's 400, a 413) into a 404.
 */
const SPA_ROUTES = /^\/(?!(api|oauth|\.well-known|metrics)(\/|$))/;

/** Angular names bundles by content hash (`main-ABCDEFGH.js`), so one name never changes. */
const HASHED_ASSET = /-[0-9A-Z]{8}\.(js|css|woff2?)$/;

/**
 * The built SPA (`webDistDir`, Angular's browser output) served by `@nestjs/serve-static`: its
 * files, and index.html for every other GET or HEAD outside the API's paths, so that deep links
 * and reloads of client-side routes work. Hashed bundles are cached for a year; index.html is
 * never cached (it names the bundles); securityHeaders forbids framing it. Without a build (the
 * API alone, or `npm run dev` where Angular's dev server serves the SPA) nothing is served and
 * unknown paths answer the JSON 404.
 */
@Module({})
export class SpaModule {
  static forRoot(app: Pick<AppConfig, 'webDistDir'>): DynamicModule {
    const built = existsSync(join(app.webDistDir, 'index.html'));
    return {
      module: SpaModule,
      imports: built
        ? [
            ServeStaticModule.forRoot({
              rootPath: app.webDistDir,
              renderPath: SPA_ROUTES,
              serveStaticOptions: { index: false, setHeaders: setSpaHeaders },
            }),
          ]
        : [],
    };
  }
}

function setSpaHeaders(res: Response, path: string): void {
  if (basename(path) === 'index.html') {
    res.setHeader('Cache-Control', 'no-cache');
  } else if (HASHED_ASSET.test(path)) {
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  }
}
