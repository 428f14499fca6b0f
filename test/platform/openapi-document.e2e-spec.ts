import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unresolvableRefs } from '../support/openapi-walk';
import { type RunningProcess, startInstance } from '../support/service-processes';
import { startTestApp, type TestApp } from '../support/test-app';

const committed = () => JSON.parse(readFileSync(resolve(__dirname, '../../openapi.json'), 'utf8'));

describe('The committed openapi.json', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is the document the app under test serves (run `npm run openapi:write` after changing the API)', async () => {
    const served = (await t.http.get('/docs/openapi.json')).body;
    expect(committed()).toEqual(served);
  });

  it('has no $ref that points nowhere', () => {
    expect(unresolvableRefs(committed())).toEqual([]);
  });

  // Every number of the API is whole: money in minor units, quantities, stock, counts, seconds, statuses. Typed
  // `number`, a client generated from the document (Java, Go, Kotlin) held money as floating point.
  it('types every number as an integer', () => {
    const numbers: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (typeof node !== 'object' || node === null) return;
      if ((node as { type?: unknown }).type === 'number') numbers.push(path);
      for (const [key, value] of Object.entries(node)) walk(value, `${path}/${key}`);
    };
    walk(committed(), '');
    expect(numbers).toEqual([]);
  });

  // The app refuses a property no DTO declares: a client or validator reading the document must know it.
  it('closes every object a request body holds to other properties', () => {
    const document = committed();
    const open: string[] = [];
    const seen = new Set<string>();
    const walk = (node: unknown, path: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const { $ref, type, additionalProperties } = node as { $ref?: string; type?: string; additionalProperties?: unknown };
      if ($ref) {
        const name = $ref.split('/').pop()!;
        if (seen.has(name)) return;
        seen.add(name);
        return walk(document.components.schemas[name], name);
      }
      if (type === 'object' && additionalProperties !== false) open.push(path);
      for (const [key, value] of Object.entries(node)) walk(value, `${path}/${key}`);
    };
    for (const [path, operations] of Object.entries(document.paths as Record<string, Record<string, { requestBody?: unknown }>>)) {
      for (const [method, operation] of Object.entries(operations)) walk(operation.requestBody, `${method} ${path}`);
    }
    expect([seen.size > 10, open]).toEqual([true, []]);
  });
});

// What users meet: the artifact of `npm start`, started as start:prod starts it, on the embedded database.
describe('The document the shipped artifact serves', () => {
  let app: RunningProcess;
  const dataDir = mkdtempSync(join(tmpdir(), 'cb-test-shipped-'));
  beforeAll(async () => {
    app = await startInstance({ DATA_DIR: dataDir, DB_MIGRATE: 'true' });
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is the committed openapi.json, every $ref resolving', async () => {
    const served = (await (await fetch(`${app.url}/docs/openapi.json`)).json()) as object;
    expect(unresolvableRefs(served)).toEqual([]);
    expect(served).toEqual(committed());
  });
});
