import { API_HEADERS, DOCUMENTATION_HEADERS, securityHeadersFor } from './security-headers';

describe('securityHeadersFor', () => {
  it('gives Swagger UI, its assets and documents the page set', () => {
    for (const url of ['/docs', '/docs/', '/docs?x=1', '/docs/swagger-ui.css', '/docs/openapi.json']) expect(securityHeadersFor(url)).toBe(DOCUMENTATION_HEADERS);
  });

  it('gives every other path the API set, also one that merely starts like /docs', () => {
    for (const url of ['/api/v1/products', '/health/live', '/metrics', '/docsearch', '/doc', '/']) expect(securityHeadersFor(url)).toBe(API_HEADERS);
  });

  it('lets an API reply load and frame nothing, and keeps what both sets share', () => {
    expect(API_HEADERS['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    for (const name of ['strict-transport-security', 'x-content-type-options', 'referrer-policy']) expect(API_HEADERS[name]).toBe(DOCUMENTATION_HEADERS[name]);
  });
});
