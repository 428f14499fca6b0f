import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

/** The headers a connect-style middleware sets when it is run once (helmet's are the same for every response). */
function headersSetBy(middleware: (request: IncomingMessage, response: ServerResponse, next: () => void) => void): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, () => undefined);
  return headers;
}

/**
 * Worked out once: @fastify/helmet rebuilt the middleware (parsing the CSP directives) on every request, and
 * helmet's own middleware sets the same headers one by one on every response. Shared by the `onRequest` hook and
 * the replies Fastify sends before any hook runs.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = headersSetBy(helmet({
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"], // Swagger UI sets inline styles
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  crossOriginEmbedderPolicy: false,
}));
