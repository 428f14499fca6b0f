import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startTestApp, type TestApp } from '../support/test-app';

describe('The committed openapi.json', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is the document the app serves (run `npm run openapi:write` after changing the API)', async () => {
    const served = (await t.http.get('/docs/openapi.json')).body;
    const committed = JSON.parse(readFileSync(resolve(__dirname, '../../openapi.json'), 'utf8'));
    expect(committed).toEqual(served);
  });
});
