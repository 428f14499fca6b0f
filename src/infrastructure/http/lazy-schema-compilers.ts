import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
type Builder = (...args: unknown[]) => unknown;

/** A require from the fastify that @nestjs/platform-fastify runs, so its compilers are the versions it ships with. */
const fromFastify = () => createRequire(createRequire(require.resolve('@nestjs/platform-fastify')).resolve('fastify'));

/** The builder a compiler package's default export makes, made on the first call and kept. */
function builtOnFirstCall(compilerPackage: string): Builder {
  let builder: Builder | undefined;
  return (...args) => (builder ??= (fromFastify()(compilerPackage) as () => Builder)())(...args);
}

/**
 * Fastify's own JSON-schema compilers (Ajv, fast-json-stringify), loaded when a route first declares a schema
 * rather than when the server is created: no route of ours does (class-validator checks what comes in), and
 * loading them took about 28 ms of every cold start and 3 MB of heap. Given here, Fastify counts them as custom
 * compilers, which changes one thing: the keys of a route's `headers` schema are no longer lower-cased for it,
 * so such a schema must name headers in lower case.
 */
export const lazySchemaCompilers = {
  buildValidator: builtOnFirstCall('@fastify/ajv-compiler'),
  buildSerializer: builtOnFirstCall('@fastify/fast-json-stringify-compiler'),
} as CompilersFactory;
