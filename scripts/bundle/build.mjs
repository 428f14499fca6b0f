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
  // V8 keeps the source of a script whose functions live: without comments and indentation it is 7 MB, not
  // 10 MB, and its table of line ends 2 MB smaller. Names are not minified, so a stack trace still names every
  // function and class, at a column of a long line.
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
  logLevel: 'error',
});
const bundle = readFileSync('dist/bundle/app.js', 'utf8');
writeFileSync('dist/bundle/app.js', latin1Only(nameOnlyWhatCanLoseItsName(bundle)));
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
function nameOnlyWhatCanLoseItsName(code) {
  const helper = 'var __name=(target,value)=>__defProp(target,"name",{value,configurable:true});';
  const cheaper =
    'var __name=(target,value)=>target.name===value||(target.name===""&&(target.prototype===undefined||__getOwnPropDesc(target,"prototype").writable))?target:__defProp(target,"name",{value,configurable:true});';
  if (!code.includes(helper)) throw new Error(`esbuild's __name helper changed; review ${import.meta.filename}`);
  return code.replace(helper, cheaper);
}

/**
 * V8 keeps a script's source text for as long as its functions live, one byte per character while every
 * character fits in Latin-1 and two bytes otherwise. esbuild escapes strings but leaves regular expressions and
 * comments as written, and some 950 characters in them (validator's alphabets, a dash in a comment) made the
 * 10 MB source a 20 MB string. `\uXXXX` means the same code unit in a regular expression, string or
 * identifier, but not after a backslash (`\é` would become `\\u00e9`), which is refused here.
 */
function latin1Only(code) {
  if (/\\[\u0100-\uffff]/.test(code)) throw new Error(`an escaped character above U+00FF in the bundle; review ${import.meta.filename}`);
  return code.replace(/[\u0100-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
