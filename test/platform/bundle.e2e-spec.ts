import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { resolve } from 'node:path';

/**
 * dist/bundle.js in a process of its own, as production loads it: the app built on an in-memory PGlite, what it
 * loaded from node_modules besides the bundle, and the names the app's framework and ORM read from their own
 * classes (scripts/bundle/native-names.mjs takes esbuild's naming calls out where the language names alike).
 */
const PROBE = `
const { registerHooks } = require('node:module');
const fromNodeModules = new Set();
registerHooks({
  load(url, context, nextLoad) {
    const name = /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(url);
    if (name) fromNodeModules.add(name[1]);
    return nextLoad(url, context);
  },
});
const bundle = require(process.argv[1]);
const { PGlite } = require('@electric-sql/pglite');
(async () => {
  const config = bundle.loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JWT_SECRET: 'p'.repeat(32), SEED_DEMO_DATA: 'false' });
  const app = await bundle.createApp(config, { pglite: () => PGlite.create() });
  const orm = app.get(bundle.MikroORM);
  const report = {
    fromNodeModules: [...fromNodeModules].sort(),
    extensions: orm.config.get('extensions').map((extension) => extension.name),
    application: Object.getPrototypeOf(app).constructor.name, // app is Nest's proxy of it
    orm: orm.constructor.name,
    entityManager: orm.em.constructor.name,
  };
  await app.close();
  process.stdout.write(JSON.stringify(report));
})();
`;

describe('The shipped bundle', () => {
  let report: { fromNodeModules: string[]; extensions: string[]; application: string; orm: string; entityManager: string };
  beforeAll(() => {
    const out = execFileSync(process.execPath, ['-e', PROBE, resolve(__dirname, '../../dist/bundle.js')], { encoding: 'utf8', timeout: 60_000 });
    report = JSON.parse(out);
  }, 90_000);

  it('loads Nest and MikroORM from itself only: no second copy from node_modules', () => {
    expect(report.fromNodeModules.filter((name) => /^@(nestjs|mikro-orm)\//.test(name))).toEqual([]);
    expect(report.fromNodeModules).toContain('@electric-sql/pglite'); // loaded beside the bundle, as it must be
  });

  it("keeps the names MikroORM and Nest read from their classes: the bundle's own migrator is registered, once", () => {
    expect(report.extensions.filter((name) => name === 'Migrator')).toHaveLength(1);
    expect(report).toMatchObject({ application: 'NestApplication', orm: 'MikroORM', entityManager: 'BasePostgreSqlEntityManager' });
  });

  // The map is esbuild's, moved along each line by what scripts/bundle/native-names.mjs took out or renamed.
  it("has a source map that leads a bundled function back to the app's or a package's file and line", () => {
    const dist = resolve(__dirname, '../../dist');
    const code = readFileSync(resolve(dist, 'bundle.js'), 'utf8');
    const map = new SourceMap(JSON.parse(readFileSync(resolve(dist, 'bundle.js.map'), 'utf8')) as SourceMapPayload);
    const origin = (declaration: string) => {
      const offset = code.indexOf(declaration);
      const line = code.slice(0, offset).split('\n').length - 1;
      const entry = map.findEntry(line, offset - (code.lastIndexOf('\n', offset) + 1)) as { originalSource: string; originalLine: number };
      return { source: entry.originalSource, line: entry.originalLine + 1 };
    };
    const lineOf = (file: string, text: string) => readFileSync(resolve(dist, '..', file), 'utf8').split('\n').findIndex((line) => line.includes(text)) + 1;

    // Paths are relative to dist/, and a package's is its real path (a checkout may link node_modules elsewhere).
    expect(origin('function replyWithProblem(')).toEqual({
      source: '../src/infrastructure/http/problem-reply.ts',
      line: lineOf('src/infrastructure/http/problem-reply.ts', 'export function replyWithProblem('),
    });
    expect(origin('function buildRouting(')).toEqual({
      source: expect.stringMatching(/(^|\/)node_modules\/fastify\/lib\/route\.js$/),
      line: lineOf('node_modules/fastify/lib/route.js', 'function buildRouting ('),
    });
  });
});
