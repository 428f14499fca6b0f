import type { Names } from './names';

/** The HTTP test of the new context: through the real app, on both databases, like every other. */
export const testFiles = (n: Names): Record<string, string> => ({
  [`test/${n.context}/${n.context}.e2e-spec.ts`]: `import { randomUUID } from 'node:crypto';
import { asAdmin, type LoggedIn, newCustomer } from '../support/journeys';
import { startTestApp, type TestApp } from '../support/test-app';

describe('${n.Context}', () => {
  let t: TestApp;
  let owner: LoggedIn;
  beforeAll(async () => {
    t = await startTestApp();
    owner = await newCustomer(t.http, 'Owner');
  });
  afterAll(() => t.close());

  it('creates a ${n.file.replace(/-/g, ' ')} for the caller and shows it to them and to admins only', async () => {
    const created = await t.http.post('/api/v1/${n.context}', { name: '  First  ' }, { token: owner.token });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'First', ownerId: owner.userId });

    expect((await t.http.get(\`/api/v1/${n.context}/\${created.body.id}\`, { token: owner.token })).body).toEqual(created.body);
    const admin = await asAdmin(t.http);
    expect((await t.http.get(\`/api/v1/${n.context}/\${created.body.id}\`, { token: admin.token })).status).toBe(200);
    const stranger = await newCustomer(t.http, 'Stranger');
    expect((await t.http.get(\`/api/v1/${n.context}/\${created.body.id}\`, { token: stranger.token })).status).toBe(404);
  });

  it('refuses a blank name, and anonymous callers', async () => {
    const blank = await t.http.post('/api/v1/${n.context}', { name: '   ' }, { token: owner.token });
    expect(blank.status).toBe(400);
    expect(blank.body.type).toMatch(/invalid-${n.file}$/);
    expect((await t.http.post('/api/v1/${n.context}', { name: 'First' })).status).toBe(401);
    expect((await t.http.get(\`/api/v1/${n.context}/\${randomUUID()}\`, { token: owner.token })).status).toBe(404);
  });
});
`,
});
