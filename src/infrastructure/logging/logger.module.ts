import type { Writable } from 'node:stream';
import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule as PinoLoggerModule } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';
import { requestIdOfLine } from './request-logging';

/** Structured JSON logs with pino (pretty in development); every line of a request carries its id (logRequests). */
@Module({})
export class LoggerModule {
  /** `stream` replaces stdout, so tests can read what was logged. */
  static forRoot(config: AppConfig, stream?: Writable): DynamicModule {
    return {
      module: LoggerModule,
      imports: [
        PinoLoggerModule.forRoot({
          // No Nest middleware: requests are logged on Fastify's hooks (see logRequests).
          forRoutes: [],
          pinoHttp: [
            {
            level: config.logLevel,
            mixin: requestIdOfLine,
            // What pino-http's standard serializer makes of a `req` (headers, query, address), cut to these three.
            serializers: {
              req: (request: { id: string; method?: string; url?: string }) => ({ id: request.id, method: request.method, url: request.url }),
            },
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["idempotency-key"]'],
            transport:
              config.nodeEnv === 'development' && !stream ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
            },
            stream ?? process.stdout,
          ],
        }),
      ],
    };
  }
}
