/**
 * The layer and context rules of docs/architecture.md, enforced by `npm run lint` (depcruise src).
 * Each rule is proven to fail on a violation by test/lint/layer-rules.e2e-spec.ts.
 *
 * Paths are relative to the repository root. A capture group in `from.path` can be used as $1, $2 in
 * `to.path`/`to.pathNot` (dependency-cruiser's group matching): that is how "another context" is expressed.
 * Type-only imports count too (tsPreCompilationDeps), so `import type` cannot smuggle a dependency in.
 */

// The bounded contexts. Needed where a context folder sits one level down (src/infrastructure/<any>/<ctx>/)
// or beside non-context folders (src/modules/operations, demo, ...). Add a new context here.
// `(?:|x)` rather than `(?:x)?`: dependency-cruiser refuses nested quantifiers as unsafe regular expressions.
const CONTEXTS = '(identity|catalogue|ordering|payments|reporting|audit|notifications|webhooks)';
// A context folder in domain, application or infrastructure (directly or one folder down). `shared` is not in CONTEXTS,
// so the shared folders stay importable by every context.
const INNER_OR_ADAPTER = '(?:domain|application|infrastructure(?:|/[^/]+))';

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
      from: { path: `^src/infrastructure/(?:|[^/]+/)${CONTEXTS}/` },
      to: { path: `^src/${INNER_OR_ADAPTER}/${CONTEXTS}/`, pathNot: `^src/${INNER_OR_ADAPTER}/$1/` },
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
