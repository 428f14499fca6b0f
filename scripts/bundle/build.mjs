/**
 * The production build's second step (`npm run build`; docs/decisions/0006-ship-one-bundle.md): `nest build`
 * compiles src/ to build/, with the decorator metadata Nest's dependency injection reads and the Swagger
 * plugin's; this bundles build/bundle.js and the packages it loads into dist/bundle.js, and writes the entry
 * that starts it, dist/main.js. dist/ is what ships, and what the tests, scripts and benchmarks load.
 */
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node24', logLevel: 'error' };

await build({
  ...common,
  entryPoints: ['build/bundle.js'],
  outfile: 'dist/bundle.js',
  // No keepNames: it would wrap every function and class in a `__name` call, closures made on every request
  // too (5-25% of a request's CPU, decision 0004). Without it a name changes only where two modules' top-level
  // names collide and esbuild renames one (`Foo2`); the tests run on this file, and the served OpenAPI document,
  // which names its schemas after the DTO classes, is compared with the committed one.
  keepNames: false,
  // V8 keeps the source of a script whose functions live: without comments and indentation it is a third
  // smaller. Names are not minified, so a stack trace still names every function and class.
  minifyWhitespace: true,
  // Nest 12 and MikroORM 7 are ES modules that read import.meta, which a CommonJS file has to supply.
  inject: ['scripts/bundle/import-meta.mjs'],
  define: { 'import.meta': 'importMeta' },
  external: [
    // Packages that load files beside their code at run time: the WASM PostgreSQL, Swagger UI's assets,
    // pino's transport worker.
    '@electric-sql/pglite',
    'swagger-ui-dist',
    'pino',
    'pino-pretty',
    // Optional packages Nest loads only for features this app does not use; they are not installed.
    '@nestjs/microservices',
    '@nestjs/websockets',
    '@nestjs/platform-express',
    '@fastify/multipart',
    '@fastify/view',
  ],
});

// The entry: Node's compile cache on, then the bundle, which it requires by its relative path.
await build({ ...common, entryPoints: ['build/main.js'], outfile: 'dist/main.js', external: ['./bundle'] });
