/**
 * Scaffolds a new bounded context across the four layers, shaped like the existing ones:
 *   npm run generate:context -- <name> [--aggregate <ClassName>]
 * e.g. `gift-cards` (aggregate GiftCard): domain aggregate with its rule and unit spec, repository port and two
 * use cases, MikroORM mapping, repository and migration, Nest module, controller and DTOs, and an HTTP test.
 * It registers the context where the app lists them (app.module.ts, entity-schemas.ts, the migration list, the
 * document's tags, the contract lint's free-text names; the dependency rules find it by its domain folder) and regenerates
 * openapi.json and the TypeScript client. The
 * result passes `npm run lint` and `npm test` as it stands (test/scaffold proves it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { adapterFiles } from './context-template/adapters';
import { coreFiles } from './context-template/core';
import { namesOf } from './context-template/names';
import { testFiles } from './context-template/tests';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { aggregate: { type: 'string' } } });
const [context] = positionals;

function refuse(reason: string): never {
  console.error(`generate:context: ${reason}`);
  process.exit(1);
}

if (!context || !/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(context) || context.length > 30) {
  refuse('give the context a kebab-case name of up to 30 characters, e.g. `npm run generate:context -- gift-cards`');
}
if (values.aggregate !== undefined && !/^[A-Z][A-Za-z0-9]{1,40}$/.test(values.aggregate)) refuse('--aggregate must be a PascalCase class name');
if (context === 'shared' || existsSync(`src/domain/${context}`) || existsSync(`src/modules/${context}`)) refuse(`a context named ${context} exists already`);

const migrationsIndex = 'src/infrastructure/persistence/migrations/index.ts';
const names = namesOf(context, (readFileSync(migrationsIndex, 'utf8').match(/\{ name: 'M\d+/g) ?? []).length + 1, values.aggregate);
const migrationsDir = dirname(migrationsIndex);
const existingSql = readdirSync(migrationsDir).map((file) => readFileSync(`${migrationsDir}/${file}`, 'utf8')).join('\n');
if (new RegExp(`create (unlogged )?table ${names.table}\\b`).test(existingSql)) refuse(`a table named ${names.table} exists already; choose another --aggregate`);

const files = { ...coreFiles(names), ...adapterFiles(names), ...testFiles(names) };
for (const path of Object.keys(files)) if (existsSync(path)) refuse(`${path} exists already`);
for (const [path, content] of Object.entries(files)) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

/** Adds an import after the file's last one and `entry` right before `anchor`. */
function register(path: string, importLine: string, anchor: string, entry: string): void {
  const source = readFileSync(path, 'utf8');
  const lines = source.split('\n');
  const lastImport = lines.reduce((last, line, index) => (line.startsWith('import ') ? index : last), -1);
  lines.splice(lastImport + 1, 0, importLine);
  const withImport = lines.join('\n');
  const at = withImport.lastIndexOf(anchor);
  if (at < 0) refuse(`could not find where to register the context in ${path}`);
  writeFileSync(path, withImport.slice(0, at) + entry + withImport.slice(at));
}

const { context: c, Context, Aggregate, file, migration } = names;
register('src/app.module.ts', `import { ${Context}Module } from './modules/${c}/${c}.module';`, '        DemoDataModule,', `        ${Context}Module,\n`);
register(
  'src/infrastructure/persistence/entity-schemas.ts',
  `import { ${Aggregate}Schema } from './${c}/${file}.schema';`,
  '];',
  `  // ${c}\n  ${Aggregate}Schema,\n`,
);
register(migrationsIndex, `import { ${migration.className} } from './${migration.file}';`, '];', `  { name: '${migration.className}', class: ${migration.className} },\n`);

const openapi = 'src/infrastructure/http/openapi.ts';
const document = readFileSync(openapi, 'utf8');
writeFileSync(openapi, document.replace(/(const TAGS = \{\n(?:.*\n)*?)(\};)/, (_, tags: string, end: string) => `${tags}  '${c}': 'The ${c} context.',\n${end}`));

// The aggregate's name is free text, like the other names of the API: listed where the ruleset says why.
const ruleset = readFileSync('.spectral.yaml', 'utf8');
const freeText = (schema: string) => `      - "**/openapi.json#/components/schemas/${schema}/properties/name"\n`;
const firstFreeText = ruleset.indexOf('      - "**/openapi.json#/components/schemas/');
if (firstFreeText < 0) refuse('could not find the free-text list in .spectral.yaml');
writeFileSync('.spectral.yaml', ruleset.slice(0, firstFreeText) + freeText(`Create${Aggregate}Dto`) + freeText(`${Aggregate}Dto`) + ruleset.slice(firstFreeText));

console.log(`Created the ${c} context (aggregate ${Aggregate}, table ${names.table}, migration ${migration.className}):`);
for (const path of Object.keys(files)) console.log(`  ${path}`);
console.log('Regenerating openapi.json and the TypeScript client...');
const generated = spawnSync('npm', ['run', 'client:generate'], { stdio: 'inherit' });
if (generated.status !== 0) refuse('npm run client:generate failed');
console.log(`Done. Next: npm run lint && npm test; then make ${Aggregate} your own (docs/architecture.md, "Adding a bounded context").`);
