import type { FastifyInstance, preParsingHookHandler, preValidationHookHandler } from 'fastify';
import type { FieldError } from './problem';
import { RequestValidationError } from './request-validation.error';

/** Deeper than any body of the API (an order's lines are three levels down); the walk below stays this shallow. */
const MAX_DEPTH = 32;
const TOO_DEEP = `body is nested more than ${MAX_DEPTH} levels deep`;

/** Text PostgreSQL can store: no NUL character (text refuses it) and no lone UTF-16 surrogate (json refuses it). */
export const isStorableText = (value: string): boolean => !value.includes('\u0000') && value.isWellFormed();

/** More would only repeat the point (a body of many deep arrays met the depth once in each). */
const MAX_ERRORS = 100;

/**
 * The strings under `value` that PostgreSQL could not store, keys named after Object.prototype's members, and any
 * nesting past MAX_DEPTH: MAX_ERRORS at most.
 */
function unstorableFields(value: unknown, path: string, depth: number, found: FieldError[]): FieldError[] {
  const field = path || 'body';
  if (found.length >= MAX_ERRORS) return found;
  if (typeof value === 'string') {
    if (!isStorableText(value)) found.push({ field, message: `${field} must be valid Unicode text without NUL characters` });
  } else if (value && typeof value === 'object') {
    if (depth === MAX_DEPTH) {
      if (!found.some((error) => error.message === TOO_DEEP)) found.push({ field: 'body', message: TOO_DEEP });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => unstorableFields(item, `${path}[${index}]`, depth + 1, found));
    } else {
      for (const [key, item] of Object.entries(value)) {
        const keyPath = path ? `${path}.${key}` : key;
        // No field of the API has such a name; class-transformer passes over them, so the whitelist never saw one.
        if (key === '__proto__' || Object.hasOwn(Object.prototype, key)) found.push({ field: keyPath, message: `property ${key} should not exist` });
        else unstorableFields(item, keyPath, depth + 1, found);
      }
    }
  }
  return found;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A body is JSON as sent: a compressed one (Content-Encoding: gzip) was parsed as JSON and answered "not valid
 * JSON" (400). It is a 415 naming the coding, with Accept-Encoding saying which one is taken (RFC 9110, 15.5.16).
 */
const refuseEncodedBody: preParsingHookHandler = (request, reply, _payload, done) => {
  const coding = request.headers['content-encoding'];
  if (coding === undefined || coding.trim().toLowerCase() === 'identity') return done();
  reply.header('accept-encoding', 'identity');
  done(Object.assign(new Error(`Content-Encoding ${coding} is not supported`), { statusCode: 415, code: CONTENT_ENCODING_REFUSED }));
};

/** The code of the error above, for the problem's detail. */
export const CONTENT_ENCODING_REFUSED = 'CONTENT_ENCODING_NOT_SUPPORTED';

const charsetParameter = /;\s*charset\s*=\s*"?([^";\s]*)/i;

/** UTF-8 by its names, and ASCII, which UTF-8 reads as it is. */
const UTF8_READABLE = new Set(['utf-8', 'utf8', 'us-ascii']);

/**
 * JSON is UTF-8 (RFC 8259, 8.1): a body sent as `application/json; charset=utf-16` or `latin1` was read as UTF-8
 * whatever it held. It is a 415; `charset=utf-8` (or `utf8`, `us-ascii`, any case), or none, is taken, and a request
 * without a body is not looked at.
 */
const refuseOtherCharset: preParsingHookHandler = (request, _reply, _payload, done) => {
  const charset = charsetParameter.exec(request.headers['content-type'] ?? '')?.[1];
  const hasBody = request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
  if (charset === undefined || !hasBody || UTF8_READABLE.has(charset.toLowerCase())) return done();
  done(Object.assign(new Error(`charset ${charset} is not supported`), { statusCode: 415, code: CHARSET_REFUSED }));
};

/** The code of the error above, for the problem's detail. */
export const CHARSET_REFUSED = 'CHARSET_NOT_SUPPORTED';

/**
 * A PATCH says what to change in a JSON object. Nest's ValidationPipe reads a missing or `null` body as `{}`,
 * which every PATCH takes (its fields are optional): it answered 200 and changed nothing.
 */
const requireChanges: preValidationHookHandler = (request, _reply, done) =>
  done(request.body === undefined || request.body === null ? new RequestValidationError([{ field: 'body', message: 'body must be a JSON object of the fields to change' }]) : undefined);

/** The Fastify route config flag of an operation that takes no body (`@NoBody()` sets it). */
export const TAKES_NO_BODY = 'takesNoBody';
const takesNoBody = (config: unknown): boolean => Boolean((config as Record<string, unknown> | undefined)?.[TAKES_NO_BODY]);

/** A body with something in it (`{}` is the nothing some clients send by habit). */
const hasContent = (body: unknown) => body !== undefined && !(body !== null && typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0);

/**
 * Input refused with a 400 naming the field before any handler sees it. A body sent to an operation that takes
 * none: unknown properties are refused everywhere, and silently accepting a whole body would be the opposite. A
 * string PostgreSQL cannot store, in a body or a query, which would fail deep in the database (a 500, after part of
 * the work). A property named after one of Object.prototype's (`constructor`, `toString`), which the validation
 * pipe's transformer skips, so that it was accepted where any other unknown property is refused. A body nested
 * deeper than any the API takes, before anything walks it recursively.
 */
export function screenRequestInput(fastify: FastifyInstance): void {
  takeEmptyJsonAsNoBody(fastify);
  // On the routes a body can reach only: a product read does not pay for a header lookup.
  fastify.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    if (methods.some((method) => BODY_METHODS.has(method))) route.preParsing = [...[route.preParsing ?? []].flat(), refuseEncodedBody, refuseOtherCharset];
    if (methods.includes('PATCH')) route.preValidation = [...[route.preValidation ?? []].flat(), requireChanges];
  });
  // On those routes only, added as each is registered: the other requests do not even look.
  fastify.addHook('onRoute', (route) => {
    if (!takesNoBody(route.config)) return;
    const refuseBody: preValidationHookHandler = (request, _reply, done) =>
      done(hasContent(request.body) ? new RequestValidationError([{ field: 'body', message: 'this operation takes no body' }]) : undefined);
    route.preValidation = [...[route.preValidation ?? []].flat(), refuseBody];
  });
  // A callback, not an async hook: one promise and microtask less on every request.
  fastify.addHook('preValidation', (request, _reply, done) => {
    const errors = unstorableFields(request.query, '', 0, unstorableFields(request.body, '', 0, []));
    done(errors.length > 0 ? new RequestValidationError(errors) : undefined);
  });
}

/**
 * An empty body sent with `Content-Type: application/json` to an operation that takes no body is no body: some
 * clients set the header on every request, and a cancel or a logout refused for it is no help. To an operation that
 * takes a body it stays Fastify's 400, which says what is wrong. Fastify's own parser does the rest (its guards
 * against `__proto__` and `constructor` included).
 */
function takeEmptyJsonAsNoBody(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '' && takesNoBody(request.routeOptions.config)) return done(null, undefined);
    parseJson(request, body as string, done);
  });
}
