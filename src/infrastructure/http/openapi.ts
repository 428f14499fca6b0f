import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { MAX_PARAM_LENGTH } from './http-limits';

export const BEARER_SCHEME = 'bearer';

/** Every operation's tag, in the order Swagger UI shows them. */
const TAGS = {
  auth: 'Registering, logging in and out, refreshing tokens.',
  users: 'The caller\'s profile and password; accounts, roles and status for admins.',
  catalogue: 'Products, prices and stock.',
  orders: 'Placing, reading, cancelling and fulfilling orders.',
  payments: 'Paying and refunding orders; the transactions that record every money movement.',
  reports: 'Sales figures for admins, as JSON or CSV.',
  webhooks: 'Endpoints that receive the shop\'s events, signed (Standard Webhooks), and their deliveries; the events are described in /docs/asyncapi.json.',
  operations: 'Probes and metrics for the platform running the service.',
};

/** The OpenAPI 3 document, generated from the controllers and DTOs (the Swagger CLI plugin fills in the types). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const info = new DocumentBuilder()
    .setTitle('Commerce Backend API')
    .setDescription(
      'Accounts and login, a product catalogue, orders, payment transactions and sales reports. ' +
        'Money is `{ amount, currency }` in integer minor units. Every error is an RFC 9457 problem document ' +
        '(`application/problem+json`) with a `traceId`. Lists use keyset pagination (`limit`, `cursor`, `nextCursor`).',
    )
    .setVersion('1.0.0')
    .setLicense('UNLICENSED', 'https://commerce-backend.dev/license')
    .setContact('Commerce Backend', 'https://commerce-backend.dev', 'api@commerce-backend.dev')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'Access token from POST /api/v1/auth/login: a JWT following RFC8725 (algorithm pinned, iss/aud/exp/typ checked), valid 15 minutes.',
      },
      BEARER_SCHEME,
    );
  for (const [name, description] of Object.entries(TAGS)) info.addTag(name, description);
  const document = SwaggerModule.createDocument(app, info.build(), {
    operationIdFactory: (_controller: string, method: string) => method,
  });
  declareCommonResponses(document);
  pathParametersFirst(document);
  boundScalars(document);
  closeRequestBodies(document);
  // Relative, so the document is right on every host; public, as the API is meant for third-party frontends.
  document.servers = [{ url: '/', description: 'This server, whichever environment it runs in (local, staging or production)', 'x-internal': false } as never];
  return document;
}

/** What the passes below read and rewrite of an operation. */
interface Operation {
  parameters?: Array<{ in: string; name: string; schema?: Record<string, unknown> }>;
  requestBody?: unknown;
  responses?: Record<string, { description?: string; content?: object; headers?: object; $ref?: string }>;
}

/** Every operation of the document, with its path. */
const operationsOf = (document: OpenAPIObject): Array<{ path: string; operation: Operation }> =>
  Object.entries(document.paths).flatMap(([path, operations]) =>
    (Object.values(operations) as Array<Operation | undefined>).filter((operation) => operation !== undefined).map((operation) => ({ path, operation })),
  );

/**
 * An operation's path parameters first, in the order its path names them: @nestjs/swagger lists those a
 * decorator declares (PathId) after the ones it reflects, and a method's parameter decorators run last to first.
 */
function pathParametersFirst(document: OpenAPIObject): void {
  for (const { path, operation } of operationsOf(document)) {
    const parameters = operation.parameters;
    if (!parameters) continue;
    const position = (name: string) => path.indexOf(`{${name}}`);
    const inPath = parameters.filter((parameter) => parameter.in === 'path').sort((a, b) => position(a.name) - position(b.name));
    operation.parameters = [...inPath, ...parameters.filter((parameter) => parameter.in !== 'path')];
  }
}

/**
 * Makes every scalar's bounds explicit where the DTOs leave them implicit: integers are 64-bit (amounts exceed
 * 32 bits). Path ids document themselves (modules/shared/path-id.decorator.ts).
 */
function boundScalars(document: OpenAPIObject): void {
  const visit = (node: unknown, key?: string): void => {
    if (Array.isArray(node)) return node.forEach((item) => visit(item));
    if (!node || typeof node !== 'object') return;
    const schema = node as Record<string, unknown>;
    if (schema.type === 'integer' && !schema.format) schema.format = 'int64';
    if (key === 'parameters') return;
    for (const [name, child] of Object.entries(schema)) visit(child, name);
  };
  visit(document);
  for (const { operation } of operationsOf(document)) {
    for (const parameter of operation.parameters ?? []) {
      if (parameter.schema) visit(parameter.schema);
    }
  }
}

/**
 * Request bodies are closed objects: the validation pipe refuses a property no DTO declares (400), so the
 * document says so (`additionalProperties: false`) on every object a body holds, nested ones included.
 */
function closeRequestBodies(document: OpenAPIObject): void {
  const schemas = (document.components?.schemas ?? {}) as Record<string, unknown>;
  const closed = new Set<string>();
  const close = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(close);
    if (!node || typeof node !== 'object') return;
    const { $ref } = node as { $ref?: unknown };
    if (typeof $ref === 'string') {
      const name = $ref.split('/').pop()!;
      if (closed.has(name)) return;
      closed.add(name);
      return close(schemas[name]);
    }
    const schema = node as Record<string, unknown>;
    if (schema.type === 'object') schema.additionalProperties = false;
    for (const child of Object.values(schema)) close(child);
  };
  for (const { operation } of operationsOf(document)) close(operation.requestBody);
}

/** Header schemas of what every API reply carries (set by the rate-limit guard). */
const integer = (description: string) => ({ description, schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 1_000_000_000 } });
const corsHeader = {
  'Access-Control-Allow-Origin': {
    description: 'Present when the request\'s Origin is one of CORS_ORIGINS.',
    schema: { type: 'string', format: 'uri', maxLength: 2048, example: 'https://shop.example.com' },
  },
};
const rateLimitHeaders = {
  'X-RateLimit-Limit': integer('Requests allowed per window for this client IP.'),
  'X-RateLimit-Remaining': integer('Requests left in the current window.'),
  'X-RateLimit-Reset': integer('Seconds until the window resets.'),
};

const wwwAuthenticate = {
  description: 'The scheme to authenticate with: `Bearer`, with `error="invalid_token"` when the token sent was refused.',
  schema: { type: 'string', maxLength: 200, pattern: '^Bearer( error="[a-z_]+")?$' },
};

/**
 * What Node answers before any route is matched (client-errors.ts), alike for every operation: declared once under
 * the document's components and referred to by each API operation (inline, it added a fifth to the document).
 */
const NODE_REFUSALS = {
  RequestTimeout: { status: '408', description: 'The whole request did not arrive within HTTP_REQUEST_TIMEOUT_MS; the connection is closed.' },
  RequestHeaderFieldsTooLarge: { status: '431', description: 'The request line and headers are larger than the server accepts (16 KiB); the connection is closed.' },
};

/**
 * Responses every operation can give: 400 (any query or body is checked, text PostgreSQL cannot store refused
 * everywhere), 408 and 431 (NODE_REFUSALS) and a bare 500 for a bug; a 401 names its scheme in WWW-Authenticate;
 * one with a path parameter also 414, which the router answers for a parameter longer than it accepts; every API
 * operation also 429 past the per-IP rate limit and 503 when the database is away.
 * Every 2xx and 4xx API response declares the rate-limit headers, as OWASP's ruleset asks of each (the 408, 414 and
 * 431 that Node and the router answer before any hook runs do not carry them: a declared header may be absent).
 * Probes and metrics (outside /api) are never rate limited.
 */
function declareCommonResponses(document: OpenAPIObject): void {
  const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } };
  const shared = (document.components ??= {}).responses ??= {};
  for (const [name, { description }] of Object.entries(NODE_REFUSALS)) {
    shared[name] = { description, content: problem, headers: { ...corsHeader, ...rateLimitHeaders } };
  }
  for (const { path, operation } of operationsOf(document)) {
    if (!operation.responses) continue;
    const responses = operation.responses;
    responses['400'] ??= { description: 'The request is invalid (query, path or body).', content: problem };
    responses['500'] ??= { description: 'An unexpected error; quote the traceId when reporting it.', content: problem };
    if (responses['401']) responses['401'].headers = { 'WWW-Authenticate': wwwAuthenticate, ...responses['401'].headers };
    if (path.includes('{')) {
      responses['414'] ??= { description: `A path parameter is longer than ${MAX_PARAM_LENGTH} characters.`, content: problem };
    }
    if (!path.startsWith('/api/')) {
      for (const { status, description } of Object.values(NODE_REFUSALS)) responses[status] ??= { description, content: problem };
      continue;
    }
    responses['429'] ??= {
      description: 'Too many requests from this client; retry after the number of seconds in Retry-After.',
      content: problem,
      headers: { 'Retry-After': integer('Seconds to wait before retrying.') },
    };
    responses['503'] ??= { description: 'A dependency (the database) is unavailable; retry later.', content: problem };
    for (const [status, response] of Object.entries(responses)) {
      response.headers = { ...corsHeader, ...(/^[24]/.test(status) ? rateLimitHeaders : {}), ...response.headers };
    }
    for (const [name, { status }] of Object.entries(NODE_REFUSALS)) responses[status] ??= { $ref: `#/components/responses/${name}` };
  }
}
/**
 * Swagger UI at /docs (the token entered under Authorize survives reloads), the document at /docs/openapi.json.
 * The document is built on its first request, not at start-up: building it takes 80-110 ms of a cold start (a
 * tenth of it) and keeps 2-3 MB that an instance nobody reads the documentation from never needs.
 */
export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs/openapi.json',
    yamlDocumentUrl: 'docs/openapi.yaml',
    customSiteTitle: 'Commerce Backend API',
    swaggerOptions: { persistAuthorization: true, displayRequestDuration: true, tryItOutEnabled: true },
  });
}
