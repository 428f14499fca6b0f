/**
 * The production build's second step (`npm run build`): `nest build` compiles src/ to dist/, with the decorator
 * metadata Nest's dependency injection reads; this bundles dist/main.js and the packages it loads into
 * dist/bundle/app.js. A cold start used to spend most of its 2 s finding, reading and wrapping some thousand
 * module files; from one file it starts in about 1.2 s (`npm run bench`). dist/bundle/main.js is the entry.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
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
nameOnlyWhatCanLoseItsName('dist/bundle/app.js');
copyFileSync('scripts/bundle/main.cjs', 'dist/bundle/main.js');

/**
 * keepNames wraps every named class and function in `__name(fn, "name")`, closures made on every request too
 * (Nest's switchToHttp, Fastify's hook runners), and each call redefines a property of a new function: some 5%
 * of a product read's CPU. The names that matter are those a bundle changes: a top-level class or function
 * whose name collides with another module's, a class that refers to itself. Here a function whose name is
 * already right is left as it is, and so is a nameless arrow (it has no `prototype`; asked first, it needs no
 * descriptor) or function that is not a class (a class's `prototype` is read-only): the name it would have
 * inferred from its variable is read by nothing in this app (Nest, MikroORM and Swagger read class names).
 */
function nameOnlyWhatCanLoseItsName(file) {
  const helper = 'var __name = (target, value) => __defProp(target, "name", { value, configurable: true });';
  const cheaper =
    'var __name = (target, value) => target.name === value || (target.name === "" && (target.prototype === undefined || __getOwnPropDesc(target, "prototype").writable)) ? target : __defProp(target, "name", { value, configurable: true });';
  const code = readFileSync(file, 'utf8');
  if (!code.includes(helper)) throw new Error(`esbuild's __name helper changed; review ${import.meta.filename}`);
  writeFileSync(file, code.replace(helper, cheaper));
}
