import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';
import { type DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { LoggerModule as PinoLoggerModule } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';
import { requestIdOf } from '../http/request-id';

/** Structured JSON logs with pino (pretty in development); every line of a request carries its id. */
@Module({})
export class LoggerModule {
  /** `stream` replaces stdout, so tests can read what was logged. */
  static forRoot(config: AppConfig, stream?: Writable): DynamicModule {
    return {
      module: LoggerModule,
      imports: [
        PinoLoggerModule.forRoot({
          // API routes only: probes of /health and scrapes of /metrics would drown the log.
          forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
          pinoHttp: [
            {
            level: config.logLevel,
            genReqId: (request: IncomingMessage) => requestIdOf(request),
            customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
              error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
            serializers: {
              req: (request: { id: string; method: string; url: string }) => ({ id: request.id, method: request.method, url: request.url }),
              res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
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
