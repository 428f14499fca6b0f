import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export const BEARER_SCHEME = 'bearer';

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
    .addServer('/', 'This server')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'Access token from POST /api/v1/auth/login: a JWT (RFC 8725 practices: algorithm pinned, iss/aud/exp/typ checked), valid 15 minutes.',
      },
      BEARER_SCHEME,
    )
    .build();
  const document = SwaggerModule.createDocument(app, info, {
    operationIdFactory: (_controller: string, method: string) => method,
  });
  declareServerErrors(document);
  return document;
}

/**
 * Responses every API operation can give: 400 (any query or body is checked, NUL characters refused everywhere),
 * 503 when the database is away, and a bare 500 for a bug.
 */
function declareServerErrors(document: OpenAPIObject): void {
  const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } };
  for (const [path, operations] of Object.entries(document.paths)) {
    if (!path.startsWith('/api/')) continue;
    for (const operation of Object.values(operations) as Array<{ responses?: Record<string, unknown> }>) {
      if (!operation?.responses) continue;
      operation.responses['400'] ??= { description: 'The request is invalid (query, path or body).', content: problem };
      operation.responses['500'] ??= { description: 'An unexpected error; quote the traceId when reporting it.', content: problem };
      operation.responses['503'] ??= { description: 'A dependency (the database) is unavailable; retry later.', content: problem };
    }
  }
}

/** Swagger UI at /docs (the token entered under Authorize survives reloads), the document at /docs/openapi.json. */
export function serveOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs/openapi.json',
    yamlDocumentUrl: 'docs/openapi.yaml',
    customSiteTitle: 'Commerce Backend API',
    swaggerOptions: { persistAuthorization: true, displayRequestDuration: true, tryItOutEnabled: true },
  });
}
