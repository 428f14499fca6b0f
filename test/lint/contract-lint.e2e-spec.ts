import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Proves that the contract lint of `npm run lint` (scripts/lint-contract.sh: Spectral with the OWASP ruleset,
 * then Redocly) fails on a contract regression and passes the document as served: lints the committed
 * openapi.json (kept equal to the served one by test/platform) and two copies of it, each with one regression.
 */
const root = resolve(__dirname, '../..');
// Under the repository, where .spectral.yaml's overrides apply; unique per run, removed at the end.
const probes = join(root, 'dist-tools', `contract-probe-${process.pid}-${randomBytes(4).toString('hex')}`);

type Document = {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, { properties: Record<string, Record<string, unknown>> }> };
};
const served = (): Document => JSON.parse(readFileSync(join(root, 'openapi.json'), 'utf8'));

function lint(name: string, document: Document) {
  const file = join(probes, name, 'openapi.json');
  mkdirSync(join(probes, name), { recursive: true });
  writeFileSync(file, JSON.stringify(document, null, 2));
  const run = spawnSync('bash', ['scripts/lint-contract.sh', file], { cwd: root, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('The contract lint', () => {
  afterAll(() => rmSync(probes, { recursive: true, force: true }));

  it('passes the served document with no error and no warning from either linter', () => {
    const result = lint('served', served());
    expect(result.output).toContain("No results with a severity of 'warn' or higher found!");
    expect(result.output).toContain('Your API description is valid');
    expect(result.status).toBe(0);
  });

  it('fails when a string loses its maxLength', () => {
    const document = served();
    delete document.components.schemas.RegisterDto.properties.name.maxLength;
    const result = lint('no-max-length', document);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/owasp:api4:2023-string-limit\s+.*components\.schemas\.RegisterDto\.properties\.name/);
  });

  it('fails when an operation that needs a token stops declaring its 401', () => {
    const document = served();
    delete document.paths['/api/v1/users/me'].get.responses['401'];
    const result = lint('undeclared-401', document);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/owasp:api8:2023-define-error-responses-401\s+.*paths\.\/api\/v1\/users\/me\.get/);
  });
});
