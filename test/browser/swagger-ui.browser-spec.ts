import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { EXAMPLE_CUSTOMER } from '../../src/modules/shared/api-examples';
import { type RunningProcess, startInstance } from '../support/service-processes';

/**
 * Swagger UI as a frontend developer meets it, in Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium):
 * log in through "Try it out" with the documented example as it stands, authorize with the token, and call
 * GET /users/me. The app runs as `npm start` runs it: the embedded database with demo data.
 */
const artifacts = resolve(__dirname, '../artifacts');
const screenshot = join(artifacts, 'swagger-ui-users-me.png');

describe('Swagger UI in a browser', () => {
  let app: RunningProcess;
  let browser: Browser;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cb-browser-data-'));
    app = await startInstance({ DATA_DIR: dataDir, DB_MIGRATE: 'true', SEED_DEMO_DATA: 'true' });
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // A fresh profile per launch (Playwright's own). This machine's network is closed: without these flags
      // Chromium keeps dialling out and stalls.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Expands an operation, turns on "Try it out" if it is off, executes it and returns its response block. */
  async function execute(operationId: string) {
    const block = page.locator(`[id^="operations-"][id$="-${operationId}"]`);
    await block.locator('.opblock-summary').first().click();
    const tryItOut = block.locator('button.try-out__btn');
    if ((await tryItOut.count()) > 0 && (await tryItOut.innerText()).trim() === 'Try it out') await tryItOut.click();
    await block.locator('button.execute').click();
    const response = block.locator('.responses-wrapper .live-responses-table .response').first();
    await response.waitFor({ timeout: 15_000 });
    return { block, response };
  }

  it('logs in with the documented example, authorizes, and reads the profile', async () => {
    await page.goto(`${app.url}/docs`);
    await page.locator('.swagger-ui .info .title').waitFor({ timeout: 30_000 });

    const login = await execute('login');
    await expect(login.response.locator('.response-col_status').innerText()).resolves.toBe('200');
    const body = JSON.parse(await login.response.locator('.response-col_description pre.microlight').first().innerText());
    expect(body.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    await page.locator('button.authorize').first().click();
    const dialog = page.locator('.dialog-ux .modal-ux');
    await dialog.locator('input[type="text"], input[type="password"]').first().fill(body.accessToken);
    await dialog.locator('button.authorize').click();
    await dialog.locator('button.btn-done, button.close-modal').first().click();

    const me = await execute('getMe');
    await expect(me.response.locator('.response-col_status').innerText()).resolves.toBe('200');
    await expect(me.response.locator('.response-col_description').innerText()).resolves.toContain(EXAMPLE_CUSTOMER.email);

    mkdirSync(artifacts, { recursive: true });
    await me.block.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshot, fullPage: false });
    expect(statSync(screenshot).size).toBeGreaterThan(10_000);
  });
});
