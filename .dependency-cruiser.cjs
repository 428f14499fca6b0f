/**
 * The layer and context rules of docs/architecture.md, enforced by `npm run lint` (depcruise src).
 * Each rule is proven to fail on a violation by test/lint/layer-rules.e2e-spec.ts.
 *
 * Paths are relative to the repository root. A capture group in `from.path` can be used as $1, $2 in
 * `to.path`/`to.pathNot` (dependency-cruiser's group matching): that is how "another context" is expressed.
 * Type-only imports count too (tsPreCompilationDeps), so `import type` cannot smuggle a dependency in.
 */

const { readdirSync } = require('node:fs');
const { join } = require('node:path');

// The bounded contexts: every folder of src/domain but `shared`, so a new context is under the rules as soon as it
// has a domain. Needed where a context folder sits below another (src/infrastructure/<any>/<ctx>/) or beside
// folders that are no context (src/modules/operations, demo, ...). `shared` is not one, so the shared folders stay
// importable by every context.
const contextNames = readdirSync(join(__dirname, 'src/domain'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'shared')
  .map((entry) => entry.name);
const CONTEXTS = `(${contextNames.join('|')})`;
// Where adapters sit: infrastructure itself or up to two folders down (infrastructure/persistence/read-models/...).
// `(?:|x)` rather than `(?:x)?`: dependency-cruiser refuses nested quantifiers as unsafe regular expressions.
const ADAPTERS = 'infrastructure(?:|/[^/]+|/[^/]+/[^/]+)';
// The ORM's list of every context's mappings, and the migrations of every context's tables: they name them all.
const SCHEMA_LISTS = '^src/infrastructure/persistence/(entity-schemas[.]ts|migrations/)';
// A context folder in domain, application or infrastructure.
const INNER_OR_ADAPTER = `(?:domain|application|${ADAPTERS})`;

module.exports = {
  forbidden: [
    // ---- Layers: dependencies point inwards (modules -> application -> domain; infrastructure -> both).
    {
      name: 'domain-no-packages',
      comment: 'The domain is plain TypeScript: no npm package (framework, ORM, validation) and no Node built-in.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: '^src/' },
    },
    {
      name: 'application-only-nestjs-common',
      comment: 'Use cases may use, of all packages, only @nestjs/common (DI decorators). No Node built-in: I/O is a port.',
      severity: 'error',
      from: { path: '^src/application/' },
      to: { pathNot: ['^src/', '^node_modules/@nestjs/common/'] },
    },
    {
      name: 'inner-layers-not-on-outer',
      comment: 'Domain and application never import infrastructure, modules or the composition root (src/*.ts).',
      severity: 'error',
      from: { path: '^src/(domain|application)/' },
      to: { path: '^src/', pathNot: '^src/(domain|application)/' },
    },
    {
      name: 'domain-not-on-application',
      comment: 'The domain does not know the use cases that drive it.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/application/' },
    },
    {
      name: 'infrastructure-not-on-modules',
      comment: 'Adapters never depend on the Nest modules that wire them.',
      severity: 'error',
      from: { path: '^src/infrastructure/' },
      to: { path: '^src/modules/' },
    },

    // ---- Bounded contexts: a context reaches only itself and the `shared` folders.
    {
      name: 'contexts-stay-apart',
      comment:
        "domain/<ctx> and application/<ctx> import only their own context's folders and domain|application/shared. " +
        '(Every folder under domain/ and application/ is a context or shared, so this needs no list.)',
      severity: 'error',
      from: { path: '^src/(domain|application)/([^/]+)/' },
      to: { path: '^src/(domain|application)/[^/]+/', pathNot: '^src/(domain|application)/($2|shared)/' },
    },
    {
      name: 'adapters-serve-their-context',
      comment:
        "A context's adapters (src/infrastructure/persistence/<ctx>/, src/infrastructure/<any>/<ctx>/) implement " +
        "that context's ports: they import no other context's domain, application or adapters.",
      severity: 'error',
      from: { path: `^src/${ADAPTERS}/${CONTEXTS}/` },
      to: { path: `^src/${INNER_OR_ADAPTER}/${CONTEXTS}/`, pathNot: `^src/${INNER_OR_ADAPTER}/$1/` },
    },
    {
      name: 'shared-adapters-serve-no-context',
      comment:
        "Infrastructure outside a context's folders (http, logging, events, persistence's own files, ...) serves every " +
        "context and imports none, but the lists of every context's mappings and migrations. Security is identity's " +
        "adapters (its own rule); configuration may read a context's domain constants (webhooks' retry schedule).",
      severity: 'error',
      from: { path: '^src/infrastructure/', pathNot: [`^src/${ADAPTERS}/${CONTEXTS}/`, '^src/infrastructure/security/', SCHEMA_LISTS] },
      to: { path: `^src/${INNER_OR_ADAPTER}/${CONTEXTS}/`, pathNot: '^src/domain/' },
    },
    {
      name: 'shared-adapters-no-context-domain',
      comment: "Of a context's domain, only configuration reads constants; the rest of shared infrastructure none.",
      severity: 'error',
      from: { path: '^src/infrastructure/', pathNot: [`^src/${ADAPTERS}/${CONTEXTS}/`, '^src/infrastructure/(security|config)/', SCHEMA_LISTS] },
      to: { path: `^src/domain/${CONTEXTS}/` },
    },
    {
      name: 'security-serves-identity',
      comment: "src/infrastructure/security holds identity's adapters (password hashing, tokens): identity's ports only.",
      severity: 'error',
      from: { path: '^src/infrastructure/security/' },
      to: { path: `^src/${INNER_OR_ADAPTER}/${CONTEXTS}/`, pathNot: `^src/${INNER_OR_ADAPTER}/identity/` },
    },
    {
      name: 'modules-wire-their-context',
      comment:
        "modules/<ctx> wires its own domain, application and adapters. Of another context it may import only the " +
        'Nest module class (*.module.ts: how Nest exports providers) and, from a bridge, the application (next rule).',
      severity: 'error',
      from: { path: `^src/modules/${CONTEXTS}/` },
      to: {
        path: `^src/(?:domain|infrastructure(?:|/[^/]+)|modules)/${CONTEXTS}/`,
        pathNot: [`^src/(?:domain|infrastructure(?:|/[^/]+)|modules)/$1/`, '^src/modules/[^/]+/[^/]+[.]module[.]ts$'],
      },
    },
    {
      name: 'modules-bridge-only-through-adapters',
      comment:
        "Only a bridge adapter (modules/<ctx>/*.adapter.ts, e.g. payments' ordering-payable-orders.adapter.ts) may call " +
        "another context's application service, to implement one of its own context's ports.",
      severity: 'error',
      from: { path: `^src/modules/${CONTEXTS}/`, pathNot: '[.]adapter[.]ts$' },
      to: { path: `^src/application/${CONTEXTS}/`, pathNot: '^src/application/$1/' },
    },

    {
      name: 'shared-modules-wire-no-context',
      comment:
        "Nest modules that are no context (shared, operations, rate-limits) import no context's code but its Nest " +
        "module. The demo data composes identity's and catalogue's use cases on purpose (modules/demo).",
      severity: 'error',
      from: { path: '^src/modules/', pathNot: [`^src/modules/${CONTEXTS}/`, '^src/modules/demo/'] },
      to: { path: `^src/(?:domain|application|${ADAPTERS}|modules)/${CONTEXTS}/`, pathNot: '^src/modules/[^/]+/[^/]+[.]module[.]ts$' },
    },

    // ---- Hygiene.
    { name: 'no-circular', comment: 'Cycles break Nest DI under CommonJS ("Cannot access X before initialization").', severity: 'error', from: {}, to: { circular: true } },
    { name: 'no-unresolvable', comment: 'An import that does not resolve fails at run time.', severity: 'error', from: {}, to: { couldNotResolve: true } },
    {
      name: 'no-dev-dependencies-at-run-time',
      comment:
        'The production image installs only "dependencies": src may use a devDependency for types only (Nest\'s ' +
        'testing module aside: next rule).',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'], pathNot: '^node_modules/@nestjs/testing/' },
    },
    {
      name: 'nest-testing-only-in-the-bundle-entry',
      comment:
        "Nest's testing module is carried by dist/bundle.js for the tests (src/bundle.ts loads it when a test asks); " +
        'nothing else in src may load it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/bundle[.]ts$' },
      to: { path: '^node_modules/@nestjs/testing/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    // List packages as leaves, never cruise into them: keeps a run at about two seconds.
    doNotFollow: { path: 'node_modules' },
    // A checkout whose node_modules is a link (the scaffold test's copy) still sees packages as node_modules/...
    preserveSymlinks: true,
    // Specs sit beside the domain code and may use test helpers.
    exclude: { path: '[.]spec[.]ts$' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['require', 'import', 'node', 'default', 'types'] },
  },
};
