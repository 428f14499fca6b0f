/**
 * The production build's second step (`npm run build`): `nest build` compiles src/ to dist/, with the decorator
 * metadata Nest's dependency injection reads; this bundles dist/main.js and the packages it loads into
 * dist/bundle/app.js. A cold start used to spend most of its 2 s finding, reading and wrapping some thousand
 * module files; from one file it starts in about 1.2 s (`npm run bench`). dist/bundle/main.js is the entry.
 */
import { copyFileSync } from 'node:fs';
import { build } from 'esbuild';

await build({
  entryPoints: ['dist/main.js'],
  outfile: 'dist/bundle/app.js',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node24',
  keepNames: true, // Nest and MikroORM read class names
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
  logLevel: 'error',
});
copyFileSync('scripts/bundle/main.cjs', 'dist/bundle/main.js');
