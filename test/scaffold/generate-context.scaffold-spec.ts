import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * `npm run generate:context` makes a context that passes the project's checks as generated: in a copy of this
 * checkout (its files as git sees them, node_modules linked), generate one, then run `npm run lint` and the
 * README's `npm test` on what a new context can touch: its own unit and HTTP tests, every unit test, and the suites
 * that go over the whole app (the OpenAPI document and the client made from it, authorisation and the other
 * security checks of every operation, the fuzzer, the platform, the layer rules). The other contexts' suites are
 * left out: the dependency rules keep a context out of another's code, and running all of them again doubled the
 * step (7 minutes of CI's 26). The copy, and the context with it, is removed at the end.
 */
const root = resolve(__dirname, '../..');
const CONTEXT = 'wish-lists';

interface JestReport {
  numFailedTests: number;
  numRuntimeErrorTestSuites: number;
  testResults: Array<{ name: string; assertionResults: Array<{ status: string; fullName: string }> }>;
}

describe('The context scaffold', () => {
  let copy: string;
  const run = (command: string, args: string[]) =>
    spawnSync(command, args, { cwd: copy, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' }, maxBuffer: 64 * 1024 * 1024 });

  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), 'cb-scaffold-'));
    const files = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' }).stdout.split('\0');
    for (const file of files.filter((f) => f && existsSync(join(root, f)))) {
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      cpSync(join(root, file), join(copy, file));
    }
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
  });
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('generates a context that passes npm run lint and npm test, unchanged', () => {
    const generated = run('npm', ['run', 'generate:context', '--', CONTEXT]);
    expect({ status: generated.status, stderr: generated.stderr.split('\n').filter((l) => /error/i.test(l)) }).toEqual({ status: 0, stderr: [] });
    expect(existsSync(join(copy, `src/domain/${CONTEXT}/wish-list.ts`))).toBe(true);
    expect(readFileSync(join(copy, 'openapi.json'), 'utf8')).toContain('"createWishList"');

    const lint = run('npm', ['run', 'lint']);
    expect({ status: lint.status, output: lint.status === 0 ? '' : `${lint.stdout}${lint.stderr}`.slice(-3000) }).toEqual({ status: 0, output: '' });

    // The README's test command itself, on the suites a new context can break.
    const report = join(copy, 'jest-report.json');
    const suites = ['src/', `test/${CONTEXT}/`, 'test/security/', 'test/platform/', 'test/lint/', 'test/clients/', 'test/fuzz/'];
    const tests = run('npm', ['test', '--', '--json', '--outputFile', report, '--testPathPatterns', ...suites]);
    const results = JSON.parse(readFileSync(report, 'utf8')) as JestReport;
    const passedIn = (suffix: string) =>
      results.testResults.filter((r) => r.name.endsWith(suffix)).flatMap((r) => r.assertionResults).filter((a) => a.status === 'passed').length;
    // The names of what failed, so that a failure here says which test of the copy it was.
    const failing = results.testResults.flatMap((r) => r.assertionResults.filter((a) => a.status === 'failed').map((a) => `${r.name}: ${a.fullName}`));
    expect({ failed: results.numFailedTests + results.numRuntimeErrorTestSuites, failing, status: tests.status }).toEqual({ failed: 0, failing: [], status: 0 });
    expect(passedIn(`src/domain/${CONTEXT}/wish-list.spec.ts`)).toBeGreaterThanOrEqual(3);
    expect(passedIn(`test/${CONTEXT}/${CONTEXT}.e2e-spec.ts`)).toBe(2);
    expect(passedIn('test/security/function-level-authorisation.e2e-spec.ts')).toBeGreaterThan(0);
    expect(passedIn('test/platform/openapi-document.e2e-spec.ts')).toBeGreaterThan(0);
  }, 900_000);
});
