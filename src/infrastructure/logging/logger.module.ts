import type { Writable } from 'node:stream';
import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule as PinoLoggerModule } from 'nestjs-pino';
import pino, { type DestinationStream } from 'pino';
import type { AppConfig } from '../config/app-config';
import { requestIdOfLine } from './request-logging';

/** Structured JSON logs with pino (pretty in development); every line of a request carries its id (logRequests). */
@Module({})
export class LoggerModule {
  /**
   * `stream` replaces stdout, so tests can read what was logged. Without one, pino writes to stdout itself,
   * asynchronously (process.stdout wrote each line with a system call of its own on the request's path), and
   * in batches: a write once 16 KiB of lines are waiting or every 200 ms, and at exit. A write per line, each a
   * system call on a worker thread and a wake-up of the event loop, cost a tenth of the server's CPU per
   * product read; a write per 4 KiB still cost the event loop 1.8 µs of a product read (queueing the write and
   * taking its completion). A process killed outright (SIGKILL, out of memory) loses at most the last 200 ms of
   * lines.
   */
  static forRoot(config: AppConfig, stream?: Writable): DynamicModule {
    const options = {
      level: config.logLevel,
      mixin: requestIdOfLine,
      // What pino-http's standard serializer makes of a `req` (headers, query, address), cut to these three: no
      // header (authorization, cookie, idempotency-key) is ever logged, so there is nothing left to redact.
      serializers: {
        req: (request: { id: string; method?: string; url?: string }) => ({ id: request.id, method: request.method, url: request.url }),
      },
      transport: config.nodeEnv === 'development' && !stream ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
    };
    const destination = stream ?? (options.transport ? undefined : batchedStdout());
    return {
      module: LoggerModule,
      // No Nest middleware: requests are logged on Fastify's hooks (see logRequests).
      imports: [PinoLoggerModule.forRoot({ forRoutes: [], pinoHttp: destination ? [options, destination] : options })],
    };
  }
}

/**
 * The lines go to sonic-boom as bytes. In its default (text) mode it measures the whole batch waiting to be written
 * (`Buffer.byteLength` of a growing string, flattened again) on every line: 4.8 µs of a product read's 97, side
 * by side. In buffer mode it keeps each line's length and joins the batch once, when it writes.
 */
function batchedStdout(): DestinationStream {
  const stdout = pino.destination({ dest: 1, minLength: 16 * 1024, maxWrite: 32 * 1024, periodicFlush: 200, contentMode: 'buffer' });
  // sonic-boom's types predate its buffer mode, in which `write` takes bytes.
  const writeBytes = stdout.write.bind(stdout) as unknown as (bytes: Buffer) => boolean;
  return { write: (line: string) => void writeBytes(Buffer.from(line)) };
}
