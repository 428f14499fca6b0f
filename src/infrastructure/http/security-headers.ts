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
 * Swagger UI's page, its assets and the documents under /docs: helmet's set, with a policy that lets the page
 * run. Worked out once: @fastify/helmet rebuilt the middleware (parsing the CSP directives) on every request, and
 * helmet's own middleware sets the same headers one by one on every response.
 */
export const DOCUMENTATION_HEADERS: Readonly<Record<string, string>> = headersSetBy(helmet({
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

/**
 * Every other reply is JSON (or the metrics' text) that no browser is meant to render: the headers OWASP's REST
 * Security Cheat Sheet gives an API, with a policy that lets nothing load or frame it, and no copy of a reply
 * (tokens, orders, addresses) kept by a browser or a proxy. The rest of helmet's set governs pages (cross-origin
 * isolation, DNS prefetch, old browsers' XSS filter and downloads, Flash's policy files); each of its twelve
 * headers was a name and value that Node checks and writes on every reply (about 800 bytes, with a 300-byte page
 * policy).
 */
export const API_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'strict-transport-security': DOCUMENTATION_HEADERS['strict-transport-security'],
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/** The set for a request's path (its URL as sent: /docs is never spelled otherwise by Swagger UI). */
export const securityHeadersFor = (url: string): Readonly<Record<string, string>> =>
  url.startsWith('/docs') && (url.length === 5 || url[5] === '/' || url[5] === '?') ? DOCUMENTATION_HEADERS : API_HEADERS;
