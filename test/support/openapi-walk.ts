import { randomUUID } from 'node:crypto';

export interface DocumentedOperation {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  template: string;
  operation: {
    operationId: string;
    tags?: string[];
    security?: unknown[];
    'x-required-roles'?: string[];
    requestBody?: { content: Record<string, { schema: Schema }> };
    parameters?: Array<{ name: string; in: string; required?: boolean }>;
    /** A response, or a reference to one declared under the document's components.responses. */
    responses: Record<string, { content?: Record<string, unknown>; $ref?: string }>;
  };
}

type Document = { paths: Record<string, Record<string, DocumentedOperation['operation']>> };

type Schema = { $ref?: string; type?: string; properties?: Record<string, Schema>; required?: string[]; items?: Schema; example?: unknown; enum?: unknown[] };

/** A response as an operation declares it: itself, or the one under the document's components.responses it refers to. */
export function declaredResponse<R extends { $ref?: string }>(response: R | undefined, shared: Record<string, R> | undefined): R | undefined {
  return response?.$ref ? shared?.[response.$ref.replace('#/components/responses/', '')] : response;
}

/** Every operation of the document, probes and metrics included. */
export function everyOperation(document: Document): DocumentedOperation[] {
  return Object.entries(document.paths).flatMap(([template, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({ method: method.toUpperCase() as DocumentedOperation['method'], template, operation })),
  );
}

/** The operation a request reached: of the templates its path fits, the most literal (`/users/me` before `/users/{id}`). */
export function operationAt(operations: DocumentedOperation[], method: string, path: string): DocumentedOperation | undefined {
  const parameters = (op: DocumentedOperation) => op.template.split('{').length;
  return operations
    .filter((op) => op.method === method.toUpperCase() && new RegExp(`^${op.template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path))
    .sort((a, b) => parameters(a) - parameters(b))[0];
}

/** Every operation of the API in the served document, so that a new route cannot be forgotten by these tests. */
export const operationsOf = (document: Document): DocumentedOperation[] => everyOperation(document).filter((op) => op.template.startsWith('/api/'));

/**
 * Whether anonymous callers are refused: a security requirement is declared and none of them is the empty
 * one (`{}`), which public operations list beside the bearer token they accept but do not need.
 */
export const requiresToken = (op: DocumentedOperation): boolean =>
  !!op.operation.security?.length && op.operation.security.every((requirement) => Object.keys(requirement as object).length > 0);

/** A concrete URL for an operation: path parameters filled with a fresh UUID, required query parameters given. */
export function urlOf(op: DocumentedOperation): string {
  const path = op.template.replace(/\{[^}]+\}/g, () => randomUUID());
  const query = (op.operation.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => `${p.name}=2026-01-01`);
  return query.length ? `${path}?${query.join('&')}` : path;
}

/** A body built from the schema's examples and types: what a client would send, valid as far as shape goes. */
export function exampleBody(op: DocumentedOperation, document: { components: { schemas: Record<string, Schema> } }): Record<string, unknown> | undefined {
  const schema = op.operation.requestBody?.content['application/json']?.schema;
  return schema ? (example(schema, document.components.schemas) as Record<string, unknown>) : undefined;
}

function example(schema: Schema, schemas: Record<string, Schema>): unknown {
  if (schema.$ref) return example(schemas[schema.$ref.split('/').pop()!], schemas);
  if (schema.example !== undefined) return schema.example;
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([name, property]) => [name, example(property, schemas)]));
    case 'array':
      return [example(schema.items ?? {}, schemas)];
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    default:
      return 'example';
  }
}

/** Every `$ref` in a document that does not point at something in it (a local JSON pointer, RFC 6901). */
export function unresolvableRefs(document: object): string[] {
  const refs: string[] = [];
  const collect = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(collect);
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') refs.push(value);
      else collect(value);
    }
  };
  collect(document);
  const resolves = (ref: string): boolean => {
    if (!ref.startsWith('#/')) return false;
    let node: unknown = document;
    for (const token of ref.slice(2).split('/').map((t) => decodeURIComponent(t).replaceAll('~1', '/').replaceAll('~0', '~'))) {
      if (token === '' || node === null || typeof node !== 'object' || !Object.hasOwn(node, token)) return false;
      node = (node as Record<string, unknown>)[token];
    }
    return true;
  };
  return [...new Set(refs.filter((ref) => !resolves(ref)))];
}
