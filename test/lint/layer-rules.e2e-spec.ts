import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Proves that `npm run lint` fails on each dependency rule of .dependency-cruiser.cjs, and does not fail on
 * what the rules allow: writes probe files into src/, runs the project's dependency-cruiser CLI on them once
 * (about two seconds), attributes every reported violation to its probe, and removes the probes again.
 */
const root = resolve(__dirname, '../..');
const cruiser = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');
// Unique per run, so two runs at once never touch each other's probes; the clean-tree check skips them all.
const PROBE = '__lint-probe-';
const id = `${process.pid}-${randomBytes(4).toString('hex')}`;
const probe = (folder: string, name: string) => `src/${folder}/${PROBE}${name}-${id}.ts`;
// A folder of its own for probes that need one that does not exist (a context folder two levels down).
const probeFolder = `infrastructure/persistence/${PROBE}folder-${id}`;
const use = (what: string, from: string) => `import { ${what} } from '${from}';\nexport const probe = ${what};\n`;

function depcruise(args: string[]) {
  // process.execPath: the Node 24 that runs jest (dependency-cruiser 18 refuses Node 20).
  const run = spawnSync(process.execPath, [cruiser, ...args, '--config', '.dependency-cruiser.cjs'], { cwd: root, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

// [rule expected, probe file, source]
const violations: [string, string, string][] = [
  ['domain-no-packages', probe('domain/ordering', 'orm'), use('Entity', '@mikro-orm/core')],
  ['domain-no-packages', probe('domain/ordering', 'nest'), use('Injectable', '@nestjs/common')],
  ['domain-no-packages', probe('domain/ordering', 'node'), use('randomUUID', 'node:crypto')],
  ['application-only-nestjs-common', probe('application/ordering', 'orm'), use('MikroORM', '@mikro-orm/core')],
  ['application-only-nestjs-common', probe('application/ordering', 'node'), use('readFileSync', 'node:fs')],
  ['inner-layers-not-on-outer', probe('application/ordering', 'infra'), use('AppConfig', '../../infrastructure/config/app-config')],
  ['inner-layers-not-on-outer', probe('domain/ordering', 'modules'), use('OrderingModule', '../../modules/ordering/ordering.module')],
  ['domain-not-on-application', probe('domain/ordering', 'app'), use('PlaceOrder', '../../application/ordering/place-order')],
  ['infrastructure-not-on-modules', probe('infrastructure/http', 'modules'), use('OrderingModule', '../../modules/ordering/ordering.module')],
  ['contexts-stay-apart', probe('domain/ordering', 'ctx'), use('User', '../identity/user')],
  ['contexts-stay-apart', probe('application/payments', 'ctx'), use('PlaceOrder', '../ordering/place-order')],
  ['contexts-stay-apart', probe('domain/shared', 'ctx'), use('Product', '../catalogue/product')],
  ['adapters-serve-their-context', probe('infrastructure/persistence/ordering', 'ctx'), use('Product', '../../../domain/catalogue/product')],
  ['adapters-serve-their-context', probe('infrastructure/payments', 'ctx'), use('OrderPayments', '../../application/ordering/order-payments')],
  ['adapters-serve-their-context', probe(`${probeFolder}/ordering`, 'ctx'), use('Product', '../../../../domain/catalogue/product')],
  ['shared-adapters-serve-no-context', probe('infrastructure/http', 'ctx'), use('PlaceOrder', '../../application/ordering/place-order')],
  ['shared-adapters-serve-no-context', probe('infrastructure/persistence', 'ctx'), use('MikroOrmOrderRepository', './ordering/mikro-orm-order.repository')],
  ['shared-adapters-no-context-domain', probe('infrastructure/logging', 'ctx'), use('Order', '../../domain/ordering/order')],
  ['security-serves-identity', probe('infrastructure/security', 'ctx'), use('PlaceOrder', '../../application/ordering/place-order')],
  ['modules-wire-their-context', probe('modules/ordering', 'domain'), use('Transaction', '../../domain/payments/transaction')],
  ['modules-wire-their-context', probe('modules/ordering', 'adapter'), use('MikroOrmProductRepository', '../../infrastructure/persistence/catalogue/mikro-orm-product.repository')],
  ['modules-bridge-only-through-adapters', probe('modules/ordering', 'app'), use('PayOrder', '../../application/payments/pay-order')],
  ['shared-modules-wire-no-context', probe('modules/shared', 'app'), use('PayOrder', '../../application/payments/pay-order')],
  ['shared-modules-wire-no-context', probe('modules/operations', 'adapter'), use('MikroOrmOrderRepository', '../../infrastructure/persistence/ordering/mikro-orm-order.repository')],
  ['no-dev-dependencies-at-run-time', probe('infrastructure/http', 'dev'), use('SMTPServer', 'smtp-server')],
  ['nest-testing-only-in-the-bundle-entry', probe('infrastructure/http', 'testing'), use('Test', '@nestjs/testing')],
  ['no-unresolvable', probe('infrastructure/http', 'missing'), use('nothing', './no-such-file')],
];
// A cycle of two probes: dependency-cruiser reports it once, from either end.
const cycleA = probe('domain/ordering', 'cycle-a');
const cycleB = probe('domain/ordering', 'cycle-b');
const sibling = (path: string) => `./${path.split('/').pop()!.replace(/[.]ts$/, '')}`;
const cycle: [string, string, string][] = [
  ['no-circular', cycleA, `import { b } from '${sibling(cycleB)}';\nexport const a = 1;\nexport const probe = () => b;\n`],
  ['no-circular', cycleB, `import { a } from '${sibling(cycleA)}';\nexport const b = () => a;\n`],
];

// What the rules must keep allowing (a rule that flags these is too broad).
const allowed: [string, string, string][] = [
  ['shared domain', probe('domain/ordering', 'ok-shared'), use('Money', '../shared/money')],
  ['DI decorators', probe('application/ordering', 'ok-nest'), use('Injectable', '@nestjs/common')],
  ['shared application', probe('application/ordering', 'ok-shared'), use('UnitOfWork', '../shared/unit-of-work')],
  ['own application', probe('infrastructure/persistence/ordering', 'ok-own'), use('PlaceOrder', '../../../application/ordering/place-order')],
  ['a type-only devDependency', probe('infrastructure/http', 'ok-types'), "import type { SMTPServerOptions } from 'smtp-server';\nexport type Probe = SMTPServerOptions;\n"],
  ["another context's Nest module", probe('modules/payments', 'ok-module'), use('OrderingModule', '../ordering/ordering.module')],
  ['a bridge adapter', `src/modules/payments/${PROBE}bridge-${id}.adapter.ts`, use('OrderPayments', '../../application/ordering/order-payments')],
  ["configuration reading a context's domain constant", probe('infrastructure/config', 'ok-domain'), use('DEFAULT_RETRY_DELAYS_SECONDS', '../../domain/webhooks/webhook-delivery')],
  ["security implementing identity's ports", probe('infrastructure/security', 'ok-identity'), use('PasswordHasher', '../../application/identity/password-hasher')],
  ['the demo data composing use cases', probe('modules/demo', 'ok-app'), use('CreateProduct', '../../application/catalogue/create-product')],
  ["a shared module importing a context's Nest module", probe('modules/operations', 'ok-module'), use('OrderingModule', '../ordering/ordering.module')],
];

describe('The dependency rules of npm run lint', () => {
  const found = new Map<string, string[]>();
  let status: number | null = null;
  let output = '';
  let reported = 0;

  beforeAll(() => {
    const probes = [...violations, ...cycle, ...allowed];
    try {
      for (const [, path, source] of probes) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), source);
      }
      ({ status, output } = depcruise(probes.map(([, path]) => path)));
    } finally {
      for (const [, path] of probes) rmSync(join(root, path), { force: true });
      rmSync(join(root, 'src', probeFolder), { recursive: true, force: true });
    }
    // err reporter lines: "  error <rule>: <from> → <to>"
    for (const [, rule, from] of output.matchAll(/^\s*error ([\w-]+): (\S+) → /gm)) {
      found.set(from, [...(found.get(from) ?? []), rule]);
      reported++;
    }
  });

  it('exits with the number of violations (dependency-cruiser exits with its error count)', () => {
    expect(reported).toBe(violations.length + 1);
    expect(status).toBe(reported);
  });

  it.each(violations)('fails with %s on %s', (rule, path) => {
    expect(found.get(path)).toContain(rule);
    expect(output).toContain(rule);
  });

  it('fails with no-circular on a cycle', () => {
    expect([...(found.get(cycleA) ?? []), ...(found.get(cycleB) ?? [])]).toEqual(['no-circular']);
  });

  it.each(allowed)('allows %s (%s)', (_what, path) => {
    expect(found.get(path)).toBeUndefined();
  });

  it('passes on the tree as it is', () => {
    // The probes of a concurrent run are not part of the tree.
    const run = depcruise(['src', '--exclude', `[.]spec[.]ts$|${PROBE}`]);
    expect(run.output).toContain('no dependency violations found');
    expect(run.status).toBe(0);
  });
});

describe("The application layer's imports from Nest", () => {
  // dependency-cruiser sees packages, not names: ESLint's no-restricted-imports keeps @nestjs/common to DI decorators.
  const eslint = (source: string) => {
    const path = probe('application/ordering', 'names');
    try {
      writeFileSync(join(root, path), source);
      const run = spawnSync(process.execPath, [join(root, 'node_modules/eslint/bin/eslint.js'), path], { cwd: root, encoding: 'utf8' });
      return { status: run.status, output: `${run.stdout}${run.stderr}` };
    } finally {
      rmSync(join(root, path), { force: true });
    }
  };

  it('refuses anything but the DI decorators', () => {
    const run = eslint("import { HttpException, Injectable } from '@nestjs/common';\nexport const probe = [HttpException, Injectable];\n");
    expect(run.status).toBe(1);
    expect(run.output).toContain("'HttpException' import from '@nestjs/common' is restricted");
    expect(run.output).toContain('1 problem');
  });

  it('allows the DI decorators', () => {
    expect(eslint("import { Inject, Injectable, Optional } from '@nestjs/common';\nexport const probe = [Inject, Injectable, Optional];\n")).toEqual({ status: 0, output: '' });
  });
});
