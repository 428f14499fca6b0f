/**
 * The production build's second step (`npm run build`; docs/decisions/0006-ship-one-bundle.md): `nest build`
 * compiles src/ to build/, with the decorator metadata Nest's dependency injection reads and the Swagger
 * plugin's; this bundles build/bundle.js and the packages it loads into dist/bundle.js, and writes the entry
 * that starts it, dist/main.js. dist/ is what ships, and what the tests, scripts and benchmarks load.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { recordBuildInputs } from './build-inputs.mjs';
import { nativeNamesOnly } from './native-names.mjs';
import { shiftSourceMap } from './shift-source-map.mjs';

rmSync('dist', { recursive: true, force: true });

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node24', logLevel: 'error' };

await build({
  ...common,
  entryPoints: ['build/bundle.js'],
  outfile: 'dist/bundle.js',
  // Nest, MikroORM and Swagger read class names, which a bundle would otherwise change (a class that refers to
  // itself, or whose name another module also uses, is renamed); the calls that restate a name JavaScript
  // gives anyway are taken out below.
  keepNames: true,
  // V8 keeps the source of a script whose functions live: without comments and indentation it is a third
  // smaller. Names are not minified, so a stack trace still names every function and class.
  minifyWhitespace: true,
  // dist/bundle.js.map, without the sources: `node --enable-source-maps` and bench:profile name the file of a
  // function (the app's, a package's) from it.
  sourcemap: 'linked',
  sourcesContent: false,
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

const bundled = readFileSync('dist/bundle.js', 'utf8');
const { code, edits } = nativeNamesOnly(bundled);
writeFileSync('dist/bundle.js', code);
writeFileSync('dist/bundle.js.map', JSON.stringify(shiftSourceMap(JSON.parse(readFileSync('dist/bundle.js.map', 'utf8')), bundled, edits)));

// The entry: Node's compile cache on, then the bundle, which it requires by its relative path.
await build({ ...common, entryPoints: ['build/main.js'], outfile: 'dist/main.js', external: ['./bundle'] });

recordBuildInputs();
