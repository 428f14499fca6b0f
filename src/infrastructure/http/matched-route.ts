import type { FastifyInstance, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The route the request matched (`/api/v1/auth/login`), '' for none. Rules that go by the path (rate limits,
     * the access log, metrics) read this, never the URL: the router decodes a path before it matches, so
     * `/api/v1/%61uth/login` reaches the login handler while its URL does not start with `/api/v1/auth/`.
     */
    matchedRoute: string;
  }
}

/** Declares the property on every request (one shape for all of them), set by `noteMatchedRoute`. */
export function declareMatchedRoute(fastify: FastifyInstance): void {
  fastify.decorateRequest('matchedRoute', '');
}

/** Once per request, on its first hook: Fastify's `routeOptions` builds a new object each time it is read. */
export function noteMatchedRoute(request: FastifyRequest): void {
  request.matchedRoute = request.routeOptions.url ?? '';
}
