import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const cruiser = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');

/** Writes one file that breaks a rule, runs the project's dependency-cruiser on it, and removes it again. */
function cruise(relativePath: string, source: string): { status: number | null; output: string } {
  const file = join(root, relativePath);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, source);
  try {
    const run = spawnSync(process.execPath, [cruiser, relativePath, '--config', '.dependency-cruiser.cjs'], { cwd: root, encoding: 'utf8' });
    return { status: run.status, output: run.stdout + run.stderr };
  } finally {
    rmSync(file);
  }
}

describe('The layer rules in npm run lint', () => {
  const id = randomBytes(4).toString('hex');

  it.each([
    ['domain-is-pure', `src/domain/ordering/violation-${id}.ts`, "import { Entity } from '@mikro-orm/core';\nexport const x = Entity;\n"],
    ['domain-is-pure', `src/domain/ordering/violation-nest-${id}.ts`, "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n"],
    ['domain-is-pure', `src/domain/ordering/violation-node-${id}.ts`, "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['application-needs-only-domain-and-di', `src/application/ordering/violation-${id}.ts`, "import { MikroORM } from '@mikro-orm/core';\nexport const x = MikroORM;\n"],
    ['application-needs-only-domain-and-di', `src/application/ordering/violation-infra-${id}.ts`, "import { AppConfig } from '../../infrastructure/config/app-config';\nexport const x = AppConfig;\n"],
    ['contexts-stay-apart', `src/domain/ordering/violation-context-${id}.ts`, "import { User } from '../identity/user';\nexport const x = User;\n"],
    ['contexts-stay-apart', `src/application/payments/violation-context-${id}.ts`, "import { PlaceOrder } from '../ordering/place-order';\nexport const x = PlaceOrder;\n"],
    ['adapters-serve-their-context', `src/infrastructure/persistence/ordering/violation-${id}.ts`, "import { Product } from '../../../domain/catalogue/product';\nexport const x = Product;\n"],
    ['modules-wire-their-context', `src/modules/ordering/violation-${id}.ts`, "import { Transaction } from '../../domain/payments/transaction';\nexport const x = Transaction;\n"],
  ])('fails on a %s violation', (rule, path, source) => {
    const { status, output } = cruise(path, source);
    expect(status).not.toBe(0);
    expect(output).toContain(rule);
  });

  it('passes on the tree as it is', () => {
    const run = spawnSync(process.execPath, [cruiser, 'src', '--config', '.dependency-cruiser.cjs'], { cwd: root, encoding: 'utf8' });
    expect(run.stdout).toContain('no dependency violations found');
    expect(run.status).toBe(0);
  });
});
