import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '@launchpad/api-config';
import { assignRequestId, requestIdOf } from './request-id';
import { capLogArguments, serializeError } from './log-safety';

/**
 * Structured JSON logs, one line per request with its id. Credentials never reach a log line:
 * authorization and cookie headers (and any future token fields) are redacted at the source,
 * query strings are dropped, errors keep only their type, message, stack, code and cause, and
 * every logged text is capped (log-safety.ts).
 */
@Module({})
export class LoggingModule {
  static forRoot(app: AppConfig): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: app.logLevel,
            // configureHttp assigns the id before the body parsers; this covers apps built without it.
            genReqId: (req, res) =>
              requestIdOf(req) !== 'unknown' ? requestIdOf(req) : assignRequestId(req, res),
            customAttributeKeys: { reqId: 'requestId' },
            redact: {
              paths: [
                'req.headers.authorization',
                'req.headers.cookie',
                'res.headers["set-cookie"]',
                '*.access_token',
                '*.refresh_token',
                '*.password',
              ],
              censor: '[redacted]',
            },
            hooks: { logMethod: capLogArguments },
            serializers: {
              err: serializeError,
              req: (req: { id: string; method: string; url: string }) => ({
                id: req.id,
                method: req.method,
                // Query strings can carry OAuth codes and states: log the path only.
                path: req.url.split('?')[0],
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          },
        }),
      ],
    };
  }
}
