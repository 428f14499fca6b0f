import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PRODUCTS } from '../../src/modules/demo/demo-catalogue';
import { EXAMPLE_CUSTOMER } from '../../src/modules/shared/api-examples';
import { declaredResponse, everyOperation } from '../support/openapi-walk';
import { type RunningProcess, startInstance } from '../support/service-processes';
import { collapse, errorsOnceResolved, execute, expand, expandAllTags, launchChromium, operationBlock, rendered } from './swagger-ui-page';

/**
 * Swagger UI as a frontend developer meets it, in Debian's Chromium, against the app started as `npm start`
 * starts it (the shipped artifact, the embedded database with demo data). Every operation of the served
 * document is opened, because a broken `$ref` shows only on the operations that use it: a build once served 82
 * of them and the one operation looked at here rendered fine. Then "Try it out" as it stands: the catalogue
 * without a token, and login, Authorize and the profile with one. Screenshots go to test/artifacts/.
 */
const artifacts = resolve(__dirname, '../artifacts');
const screenshots = {
  operations: join(artifacts, 'swagger-ui-operations.png'),
  products: join(artifacts, 'swagger-ui-products.png'),
  usersMe: join(artifacts, 'swagger-ui-users-me.png'),
};

describe('Swagger UI in a browser', () => {
  let app: RunningProcess;
  let browser: Browser;
  let page: Page;
  let dataDir: string;
  let document: Parameters<typeof everyOperation>[0] & {
    tags: Array<{ name: string }>;
    components?: { responses?: Record<string, { content?: Record<string, unknown>; $ref?: string }> };
  };
  /** Console errors and uncaught exceptions of the page, from the first load on. */
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cb-browser-data-'));
    // As `npm start` runs it: development on the embedded database, which seeds the demo data (production refuses it).
    app = await startInstance({ NODE_ENV: 'development', DATA_DIR: dataDir, DB_MIGRATE: 'true' });
    document = (await (await fetch(`${app.url}/docs/openapi.json`)).json()) as typeof document;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
    page.on('console', (message) => message.type() === 'error' && pageErrors.push(`console: ${message.text()}`));
    page.on('pageerror', (error) => pageErrors.push(`uncaught: ${error.message}`));
    await page.goto(`${app.url}/docs`);
    await page.locator('.swagger-ui .info .title').waitFor({ timeout: 30_000 });
    mkdirSync(artifacts, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The red "Errors" panel, a "Resolver error" anywhere, and what the page logged as an error. */
  async function expectNoErrorOnThePage(): Promise<void> {
    expect(await page.locator('.errors-wrapper').count()).toBe(0);
    expect(await page.getByText('Resolver error').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }

  async function screenshot(path: string): Promise<void> {
    await page.screenshot({ path, fullPage: false });
    expect(statSync(path).size).toBeGreaterThan(10_000);
  }

  it('renders every operation of the document with its parameters, request body and responses, and no error', async () => {
    await expandAllTags(page);
    const tags = await Promise.all((await page.locator('.opblock-tag-section .opblock-tag').all()).map((heading) => heading.getAttribute('data-tag')));
    expect(tags).toEqual(document.tags.map((tag) => tag.name));
    const operations = everyOperation(document);
    expect(await page.locator('.opblock').count()).toBe(operations.length);

    // Every difference between what the document says and what the page shows, so that one run names them all.
    const differences: string[] = [];
    for (const { method, template, operation } of operations) {
      const block = operationBlock(page, operation.operationId);
      await expand(block);
      await block.locator('table.responses-table tr.response').first().waitFor();
      const shown = await rendered(block);
      const name = `${method} ${template}`;
      const parameters = (operation.parameters ?? []).map((p) => `${p.in}:${p.name}`);
      if (shown.parameters.join() !== parameters.join()) differences.push(`${name}: parameters ${shown.parameters.join()} instead of ${parameters.join()}`);
      if (operation.requestBody && !isJsonObject(shown.requestBody)) differences.push(`${name}: request body example ${JSON.stringify(shown.requestBody)}`);
      const statuses = Object.keys(operation.responses);
      if (shown.responses.map((r) => r.status).join() !== statuses.join()) {
        differences.push(`${name}: responses ${shown.responses.map((r) => r.status).join()} instead of ${statuses.join()}`);
      }
      for (const { status, example } of shown.responses) {
        const content = Object.keys(declaredResponse(operation.responses[status], document.components?.responses)?.content ?? {});
        const json = content[0]?.endsWith('json');
        if (json ? !isJsonValue(example) : content.length > 0 && example === '') differences.push(`${name}: ${status} shows the example ${JSON.stringify(example)}`);
      }
      // Closed again once read: Swagger UI re-renders every open operation on each change, and slows down.
      await collapse(block);
    }
    const resolverErrors = await errorsOnceResolved(page, operations.map((op) => ({ path: op.template, method: op.method.toLowerCase() })));
    await page.locator('.swagger-ui .info').scrollIntoViewIfNeeded();
    await screenshot(screenshots.operations);

    expect(resolverErrors).toEqual([]);
    expect(differences).toEqual([]);
    await expectNoErrorOnThePage();
  });

  it('tries out a public operation: the catalogue, without a token', async () => {
    const products = await execute(page, 'listProducts');
    expect(products.status).toBe('200');
    const body = JSON.parse(products.body);
    expect(body.items.map((product: { sku: string }) => product.sku).sort()).toEqual(DEMO_PRODUCTS.map((product) => product.sku).sort());
    expect(body.nextCursor).toBeNull();

    await products.block.scrollIntoViewIfNeeded();
    await screenshot(screenshots.products);
    await expectNoErrorOnThePage();
  });

  it('logs in with the documented example, authorizes, and reads the profile', async () => {
    const login = await execute(page, 'login');
    expect(login.status).toBe('200');
    const { accessToken } = JSON.parse(login.body);
    expect(accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    await page.locator('button.authorize').first().click();
    const dialog = page.locator('.dialog-ux .modal-ux');
    await dialog.locator('input[type="text"], input[type="password"]').first().fill(accessToken);
    await dialog.locator('button.authorize').click();
    await dialog.locator('button.btn-done, button.close-modal').first().click();

    const me = await execute(page, 'getMe');
    expect(me.status).toBe('200');
    expect(JSON.parse(me.body)).toMatchObject({ email: EXAMPLE_CUSTOMER.email, name: EXAMPLE_CUSTOMER.name, role: 'customer' });

    await me.block.scrollIntoViewIfNeeded();
    await screenshot(screenshots.usersMe);
    await expectNoErrorOnThePage();
  });
});

function parsesAs(text: string | null, accept: (value: unknown) => boolean): boolean {
  try {
    return text !== null && accept(JSON.parse(text));
  } catch {
    return false;
  }
}
const isJsonValue = (text: string | null) => parsesAs(text, () => true);
const isJsonObject = (text: string | null) => parsesAs(text, (value) => typeof value === 'object' && value !== null);
