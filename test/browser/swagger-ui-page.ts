import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

/** Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium), with a fresh profile per launch (Playwright's own). */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // This machine's network is closed: without these flags Chromium keeps dialling out and stalls.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });

/** Swagger UI keeps `window.ui`; its error list is where resolver errors land before the red panel shows them. */
declare const window: { ui: SwaggerUi };
interface SwaggerUi {
  errSelectors: { allErrors(): { toJS(): Array<{ source?: string; level?: string; message?: string; path?: unknown }> } };
  specSelectors: { specResolvedSubtree(path: string[]): unknown };
}

/** The block of one operation: Swagger UI's id is `operations-<tag>-<operationId>`. */
export const operationBlock = (page: Page, operationId: string): Locator => page.locator(`.opblock[id^="operations-"][id$="-${operationId}"]`);

const isOpen = async (block: Locator) => !!(await block.getAttribute('class'))?.split(' ').includes('is-open');

/** Opens an operation unless it is open already (a click on an open one would close it). */
export async function expand(block: Locator): Promise<void> {
  if (!(await isOpen(block))) await block.locator('.opblock-summary').first().click();
  await block.locator('.opblock-body').waitFor();
}

export async function collapse(block: Locator): Promise<void> {
  if (await isOpen(block)) await block.locator('.opblock-summary').first().click();
  await block.locator('.opblock-body').waitFor({ state: 'detached' });
}

/** Opens every tag section that is closed, so that every operation is on the page. */
export async function expandAllTags(page: Page): Promise<void> {
  for (const section of await page.locator('.opblock-tag-section:not(.is-open)').all()) await section.locator('.opblock-tag').click();
}

/** Expands an operation, turns on "Try it out" if it is off, executes it and returns its live response. */
export async function execute(page: Page, operationId: string) {
  const block = operationBlock(page, operationId);
  await expand(block);
  const tryItOut = block.locator('button.try-out__btn');
  if ((await tryItOut.count()) > 0 && (await tryItOut.innerText()).trim() === 'Try it out') await tryItOut.click();
  await block.locator('button.execute').click();
  const response = block.locator('.responses-wrapper .live-responses-table .response').first();
  await response.waitFor({ timeout: 15_000 });
  const status = await response.locator('.response-col_status').innerText();
  const body = await response.locator('.response-col_description pre.microlight').first().innerText();
  return { block, response, status, body };
}

/** The little of the DOM read in the page (the project compiles without the DOM's types). */
interface DomElement {
  dataset: Record<string, string | undefined>;
  textContent: string | null;
  value?: string;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
}

/** What an expanded operation shows: its parameters (`in:name`), its request body's example, and each response's status and example. */
export const rendered = (block: Locator) =>
  block.evaluate((element: DomElement) => ({
    parameters: [...element.querySelectorAll('tr[data-param-name]')].map((row) => `${row.dataset.paramIn}:${row.dataset.paramName}`),
    requestBody: element.querySelector('.opblock-section-request-body textarea.body-param__text')?.value ?? null,
    responses: [...element.querySelectorAll('table.responses-table:not(.live-responses-table) tr.response')].map((row) => ({
      status: row.dataset.code ?? '',
      example: row.querySelector('.highlight-code, .example')?.textContent?.trim() ?? '',
    })),
  }));

/** Waits until Swagger UI has resolved the `$ref`s of every given operation, then returns the errors it collected. */
export async function errorsOnceResolved(page: Page, operations: Array<{ path: string; method: string }>): Promise<string[]> {
  await page.waitForFunction((all) => all.every(({ path, method }) => window.ui.specSelectors.specResolvedSubtree(['paths', path, method]) !== undefined), operations);
  return page.evaluate(() =>
    window.ui.errSelectors
      .allErrors()
      .toJS()
      .map((error) => `${error.source ?? ''} ${error.level ?? ''}: ${error.message ?? ''} at ${JSON.stringify(error.path ?? null)}`),
  );
}
