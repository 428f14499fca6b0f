/**
 * The layer and context rules of docs/architecture.md, enforced in `npm run lint`.
 * Capture groups of `from.path` are available as $1, $2 in `to` (dependency-cruiser's group matching).
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'The domain imports only the domain: no framework, ORM, validation, Node built-in or any other package.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: '^src/domain/' },
    },
    {
      name: 'application-needs-only-domain-and-di',
      comment: 'Use cases import the domain, their own ports and, of the framework, only @nestjs/common for DI.',
      severity: 'error',
      from: { path: '^src/application/' },
      to: { pathNot: ['^src/(domain|application)/', '^node_modules/@nestjs/common/'] },
    },
    {
      name: 'contexts-stay-apart',
      comment: 'A bounded context does not reach into another context\'s domain or application; shared is for all.',
      severity: 'error',
      from: { path: '^src/(domain|application)/([^/]+)/' },
      to: { path: '^src/(domain|application)/', pathNot: '^src/(domain|application)/($2|shared)/' },
    },
    {
      name: 'adapters-serve-their-context',
      comment: 'A context\'s persistence adapters implement that context\'s ports only.',
      severity: 'error',
      from: { path: '^src/infrastructure/persistence/([^/]+)/' },
      to: { path: '^src/(domain|application|infrastructure/persistence)/[^/]+/', pathNot: '^src/(domain|application|infrastructure/persistence)/($1|shared)/' },
    },
    {
      name: 'modules-wire-their-context',
      comment:
        'A context\'s Nest module uses its own domain and adapters. It may call another context\'s application ' +
        'services (bridges) and import another Nest module class, never another context\'s domain or adapters.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: {
        path: '^src/(domain|infrastructure/persistence|modules)/[^/]+/',
        pathNot: ['^src/(domain|infrastructure/persistence|modules)/($1|shared)/', '^src/modules/[^/]+/[^/]+[.]module[.]ts$'],
      },
    },
    {
      name: 'no-inward-from-outer-layers',
      comment: 'Infrastructure never depends on the Nest modules that wire it.',
      severity: 'error',
      from: { path: '^src/infrastructure/' },
      to: { path: '^src/modules/' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    { name: 'no-unresolvable', severity: 'error', from: {}, to: { couldNotResolve: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '[.]spec[.]ts$' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
