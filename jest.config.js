/**
 * `npm test` runs two projects: `unit`, the pure domain specs beside the code, and `http`, which drives the
 * built application (dist/bundle.js, which production runs) through Fastify's inject, each test file on its own
 * migrated database: PostgreSQL when TEST_DATABASE_URL is set, the embedded PGlite otherwise.
 * `npm run test:cluster` runs `cluster`: several app processes on one PostgreSQL with Redis and NATS servers
 * of their own (it needs PostgreSQL, redis-server and nats-server, which .ci/run has). `npm run test:browser`
 * runs `browser`: Swagger UI in Debian's Chromium against the app started as `npm start` starts it.
 * `npm run test:contract` runs `contract`: the shipped app's live traffic through Stoplight Prism's validating
 * proxy, on PostgreSQL. `npm run test:scaffold` runs `scaffold`: a context generated in a copy of the checkout
 * must pass lint and the tests (several minutes: it builds and lints the copy).
 */
const { availableParallelism } = require('node:os');

const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] };

module.exports = {
  testTimeout: 60_000,
  // At least two workers: a test file spends much of its time waiting on the database and the network, and jest's
  // default (one per core but one) ran the files one at a time on two cores: npm test 4.3 -> 2.5 min on
  // PostgreSQL, 8.3 -> 5 min on PGlite there.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  // A worker is replaced once it holds this much heap after a file. Every HTTP test file loads the bundle into a
  // context of its own, and three things outside the file keep each context alive: the importModuleDynamically
  // registry of --experimental-vm-modules, prom-client's GC PerformanceObserver (one per app, never disconnected)
  // and timers that keep a test's AsyncLocalStorage frame. A worker grew by about 35 MB per file, to 1.5 GB by
  // the end, and took longer than jest's half second to exit ("failed to exit gracefully").
  workerIdleMemoryLimit: '600MB',
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/src'],
      testMatch: ['**/*.spec.ts'],
      transform,
    },
    {
      displayName: 'http',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      transform,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      displayName: 'cluster',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.cluster-spec.ts'],
      transform,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      displayName: 'contract',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.contract-spec.ts'],
      transform,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      displayName: 'scaffold',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.scaffold-spec.ts'],
      transform,
    },
    {
      displayName: 'browser',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.browser-spec.ts'],
      transform,
    },
  ],
};
