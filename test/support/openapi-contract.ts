import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { isEmailAddress } from '../../src/modules/identity/dto/email-address.decorator';
import { declaredResponse } from './openapi-walk';

interface DeclaredResponse {
  content?: Record<string, { schema?: object }>;
  /** A response declared once under components.responses. */
  $ref?: string;
}

interface Operation {
  operationId?: string;
  responses: Record<string, DeclaredResponse>;
}

interface Document {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, object>; responses?: Record<string, DeclaredResponse> };
}

/**
 * Holds a test to the served OpenAPI document: every response must be declared for its operation and status,
 * and its JSON body must match the declared schema. A response that drifts from the document fails the test.
 */
export class OpenApiContract {
  private readonly ajv: Ajv;
  private readonly routes: Array<{ method: string; pattern: RegExp; template: string; operation: Operation }>;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly sharedResponses: Record<string, DeclaredResponse>;

  constructor(document: Document) {
    this.sharedResponses = document.components?.responses ?? {};
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    // ajv-formats has no internationalised addresses: the app's own rule, so a reply's address is checked, not skipped.
    this.ajv.addFormat('idn-email', { type: 'string', validate: isEmailAddress });
    this.ajv.addSchema({ components: document.components ?? {} }, 'openapi');
    this.routes = Object.entries(document.paths).flatMap(([template, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({
        method: method.toUpperCase(),
        template,
        // The router ignores a trailing slash (fastify-adapter.ts), so a path may end with one.
        pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
        operation,
      })),
    );
  }

  /** Throws with a readable message when the response is not what the document promises. */
  check(method: string, url: string, status: number, contentType: string | undefined, body: string): void {
    const path = url.split('?')[0];
    const route = this.routes.find((r) => r.method === method && r.pattern.test(path));
    if (!route) {
      if (path === '/docs' || path.startsWith('/docs/')) return; // the document and Swagger UI themselves
      // Only a 404 may come from a path the document does not have (an unknown route).
      if (status !== 404) throw new Error(`${method} ${path} answered ${status} but is not in the OpenAPI document`);
      return;
    }
    const declared = declaredResponse(route.operation.responses[String(status)] ?? route.operation.responses.default, this.sharedResponses);
    if (!declared) {
      throw new Error(`${route.operation.operationId} (${method} ${route.template}) answered ${status}, which the document does not declare`);
    }
    const mediaType = (contentType ?? '').split(';')[0].trim();
    if (!mediaType || !body) return;
    const schema = declared.content?.[mediaType]?.schema;
    if (!declared.content || !(mediaType in declared.content)) {
      throw new Error(`${route.operation.operationId} answered ${status} as ${mediaType}, not declared (${Object.keys(declared.content ?? {}).join(', ') || 'no body'})`);
    }
    if (!schema || !mediaType.endsWith('json')) return;
    const validate = this.validatorFor(`${route.operation.operationId}:${status}:${mediaType}`, schema);
    if (!validate(JSON.parse(body))) {
      throw new Error(
        `${route.operation.operationId} ${status} body does not match the document: ${this.ajv.errorsText(validate.errors)}\n${body.slice(0, 500)}`,
      );
    }
  }

  private validatorFor(key: string, schema: object): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      // Local refs (#/components/...) resolve against the document registered as "openapi".
      const rewritten = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/'));
      validate = this.ajv.compile(rewritten);
      this.validators.set(key, validate);
    }
    return validate;
  }
}
