import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * `npm run build` skips nest build and the bundle when dist/ was built from the current inputs
 * (scripts/bundle/build-inputs.mjs): in a directory laid out as the repository, a recorded build is current
 * until an input or an output changes, and only while every output is there.
 */
const SCRIPT = resolve(__dirname, '../../scripts/bundle/build-inputs.mjs');

describe('The build record', () => {
  let root: string;
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  };
  const node = (args: string[]) => spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  const record = () => expect(node(['--input-type=module', '-e', `import(${JSON.stringify(SCRIPT)}).then((m) => m.recordBuildInputs())`]).status).toBe(0);
  const check = () => node([SCRIPT, 'check']).status;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'cb-build-inputs-'));
    write('src/main.ts', 'export const a = 1;\n');
    write('src/domain/order.ts', 'export class Order {}\n');
    write('tsconfig.json', '{}\n');
    write('package.json', '{"name":"x"}\n');
    write('node_modules/.package-lock.json', '{"packages":{}}\n');
    for (const output of ['dist/main.js', 'dist/bundle.js', 'dist/bundle.js.map']) write(output, `// ${output}\n`);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is current as recorded, and again once a changed file is restored', () => {
    expect(check()).toBe(1);
    record();
    expect(check()).toBe(0);
    write('src/main.ts', 'export const a = 2;\n');
    expect(check()).toBe(1);
    write('src/main.ts', 'export const a = 1;\n');
    expect(check()).toBe(0);
  });

  it.each([
    ['a source changes', () => write('src/domain/order.ts', 'export class Order { id = 1; }\n')],
    ['a source is added', () => write('src/domain/refund.ts', 'export {};\n')],
    [
      'a source is renamed',
      () => {
        rmSync(join(root, 'src/domain/order.ts'));
        write('src/domain/orders.ts', 'export class Order {}\n');
      },
    ],
    ['the installed packages change', () => write('node_modules/.package-lock.json', '{"packages":{"node_modules/pg":{}}}\n')],
    ['the compiler settings change', () => write('tsconfig.json', '{"compilerOptions":{}}\n')],
    ['the bundle is edited', () => write('dist/bundle.js', '// edited\n')],
    ['an output is missing', () => rmSync(join(root, 'dist/bundle.js.map'))],
  ])('is stale when %s', (_change, change) => {
    record();
    change();
    expect(check()).toBe(1);
  });
});
