import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * The committed asyncapi.json (the domain events on NATS and as webhooks, generated from the event types by
 * `npm run asyncapi:write`), read once at start-up from the package root beside dist/ and served at
 * /docs/asyncapi.json like the OpenAPI document: public, outside the API's rate limits. This code runs in the
 * bundle, so `__dirname` is dist/ (or a kept build's directory beside its copy of the document).
 */
export function serveAsyncApi(app: NestFastifyApplication): void {
  const document = readFileSync(resolve(__dirname, '../asyncapi.json'), 'utf8');
  app
    .getHttpAdapter()
    .getInstance()
    .get('/docs/asyncapi.json', (_request, reply) => reply.type('application/json; charset=utf-8').send(document));
}
