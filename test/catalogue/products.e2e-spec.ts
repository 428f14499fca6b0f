import { randomUUID } from 'node:crypto';
import { MikroORM } from '../support/built';
import { asAdmin, newCustomer, newProduct, placeOrder, type LoggedIn } from '../support/journeys';
import { startTestApp, type TestApp } from '../support/test-app';

describe('Catalogue', () => {
  let t: TestApp;
  let admin: LoggedIn;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await asAdmin(t.http);
  });
  afterAll(() => t.close());

  const create = (body: object) => t.http.post('/api/v1/products', body, { token: admin.token });
  const valid = { sku: 'VALID-1', name: 'Valid', price: { amount: 500, currency: 'USD' }, stock: 5 };

  it('creates a product that anyone can read', async () => {
    const created = await create({ ...valid, sku: 'LAMP-1', name: 'Desk lamp', description: 'Warm light' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ sku: 'LAMP-1', name: 'Desk lamp', price: { amount: 500, currency: 'USD' }, stock: 5, status: 'active' });
    expect((await t.http.get(`/api/v1/products/${created.body.id}`)).body.name).toBe('Desk lamp');
  });

  // API.md: validation errors add `errors: [{ field, message }]`; a path id was refused with Nest's own text, no field named.
  it('takes a path id in capitals as the same id, and refuses one that is not a UUID as a validation problem, before any other check', async () => {
    const created = (await create({ ...valid, sku: 'CAPS-1', name: 'Caps mug' })).body;
    const read = await t.http.get(`/api/v1/products/${created.id.toUpperCase()}`);
    expect([read.status, read.body.id]).toEqual([200, created.id]);
    for (const path of ['/api/v1/products/not-a-uuid', `/api/v1/products/${created.id}x`]) {
      const refused = await t.http.get(path);
      expect([refused.status, refused.headers['content-type'], refused.body.type, refused.body.errors]).toEqual([
        400,
        'application/problem+json; charset=utf-8',
        expect.stringMatching(/validation-failed$/),
        [{ field: 'id', message: 'id must be a UUID' }],
      ]);
    }
    // The id is checked before the body: a bad id with a bad body is answered about the id.
    const both = await t.http.patch('/api/v1/products/not-a-uuid', { stock: -1 }, { token: admin.token });
    expect([both.status, both.body.errors]).toEqual([400, [{ field: 'id', message: 'id must be a UUID' }]]);
  });

  it('reads a product back with the moments it was created and changed at, as its writes replied them', async () => {
    const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
    const created = (await create({ ...valid, sku: 'MOMENT-1', name: 'Moment mug' })).body;
    expect(created.createdAt).toMatch(instant);
    const moments = ({ createdAt, updatedAt }: { createdAt: string; updatedAt: string }) => ({ createdAt, updatedAt });
    const read = async () => moments((await t.http.get(`/api/v1/products/${created.id}`)).body);
    const listed = async () => moments((await t.http.get('/api/v1/products?search=MOMENT-1')).body.items[0]);
    expect(await read()).toEqual(moments(created));
    expect(await listed()).toEqual(moments(created));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const changed = (await t.http.patch(`/api/v1/products/${created.id}`, { stock: 6 }, { token: admin.token })).body;
    expect(changed.createdAt).toBe(created.createdAt);
    expect(Date.parse(changed.updatedAt)).toBeGreaterThan(Date.parse(created.updatedAt));
    expect(await read()).toEqual(moments(changed));
    expect(await listed()).toEqual(moments(changed));
  });

  it.each([
    ['a lower-case SKU', { sku: 'lamp-2' }],
    ['a zero price', { price: { amount: 0, currency: 'USD' } }],
    ['a fractional price', { price: { amount: 10.5, currency: 'USD' } }],
    ['negative stock', { stock: -1 }],
    ['another currency', { price: { amount: 500, currency: 'EUR' } }],
    ['an unknown property', { featured: true }],
  ])('refuses %s with 400', async (_case, change) => {
    expect((await create({ ...valid, sku: 'REFUSED-1', ...change })).status).toBe(400);
  });

  it('names every bad field of a product in one reply, the store currency and a positive price included', async () => {
    const reply = await create({ sku: 'bad sku', name: '  ', price: { amount: 0, currency: 'EUR' }, stock: -1 });
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([
      { field: 'sku', message: 'sku must be 1 to 64 characters of A-Z, 0-9 and -' },
      { field: 'name', message: 'name must not be blank' },
      { field: 'price.amount', message: 'price.amount must not be less than 1' },
      { field: 'price.currency', message: "price.currency must be USD, the store's currency" },
      { field: 'stock', message: 'stock must not be less than 0' },
    ]);
    const product = await create({ ...valid, sku: 'FIELDS-1' });
    const update = await t.http.patch(`/api/v1/products/${product.body.id}`, { name: ' ', price: { amount: 0, currency: 'EUR' } }, { token: admin.token });
    expect(update.body.errors.map((error: { field: string }) => error.field)).toEqual(['name', 'price.amount', 'price.currency']);
  });

  // A value of the wrong type was also told every range and length it failed: `limit=abc` was "not greater than 100"
  // and "not less than 1" at once, repeated parameters "longer than 100 characters".
  it('tells a value of the wrong type only that, in a body and in a query', async () => {
    const body = await create({ ...valid, sku: 'TYPES-1', stock: '5', price: { amount: 'ten', currency: 'USD' } });
    expect(body.body.errors).toEqual([
      { field: 'price.amount', message: 'price.amount must be an integer number' },
      { field: 'stock', message: 'stock must be an integer number' },
    ]);
    // An array is no amount, empty or holding one: the validator of a nested object took it, element by element.
    const product = await create({ ...valid, sku: 'TYPES-2' });
    for (const price of [[], [{ amount: 1500, currency: 'USD' }]]) {
      const created = await create({ ...valid, sku: 'TYPES-3', price });
      const updated = await t.http.patch(`/api/v1/products/${product.body.id}`, { price }, { token: admin.token });
      for (const reply of [created, updated]) {
        expect({ status: reply.status, errors: reply.body.errors }).toEqual({ status: 400, errors: [{ field: 'price', message: 'price must be an object' }] });
      }
    }
    for (const [query, field, message] of [
      ['limit=abc', 'limit', 'limit must be an integer number'],
      ['limit=2&limit=3', 'limit', 'limit must be an integer number'],
      ['search=a&search=b', 'search', 'search must be a string'],
    ]) {
      const reply = await t.http.get(`/api/v1/products?${query}`);
      expect({ query, status: reply.status, errors: reply.body.errors }).toEqual({ query, status: 400, errors: [{ field, message }] });
    }
  });

  it('refuses a duplicate SKU with 409', async () => {
    expect((await create({ ...valid, sku: 'DUP-1' })).status).toBe(201);
    expect((await create({ ...valid, sku: 'DUP-1' })).status).toBe(409);
  });

  it('searches name and SKU case-insensitively, taking % and _ literally', async () => {
    await create({ ...valid, sku: 'PCT-1', name: 'Sale 100% cotton' });
    await create({ ...valid, sku: 'UND-1', name: 'snake_case mug' });
    await create({ ...valid, sku: 'QUO-1', name: "O'Brien's tea" });
    const names = async (search: string) =>
      (await t.http.get(`/api/v1/products?search=${encodeURIComponent(search)}`)).body.items.map((p: { name: string }) => p.name);
    expect(await names('100%')).toEqual(['Sale 100% cotton']);
    expect(await names('%')).toEqual(['Sale 100% cotton']);
    expect(await names('e_c')).toEqual(['snake_case mug']);
    expect(await names("o'brien")).toEqual(["O'Brien's tea"]);
    expect(await names('pct-')).toEqual(['Sale 100% cotton']);
  });

  it('pages through products by name, each exactly once', async () => {
    for (let i = 0; i < 7; i++) await create({ ...valid, sku: `PAGE-${i}`, name: `Paged ${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ name: string }>; nextCursor: string | null } } = await t.http.get(
        `/api/v1/products?search=paged&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.items.map((p) => p.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 7 }, (_, i) => `Paged ${i}`));
  });

  // A cursor holds the last name: one of 200 characters of Japanese made a cursor of 858 characters, which the
  // list then refused (at most 200), so the products after it could not be reached; 200 emoji make one of 1,124.
  it('pages through products whose names are as long as names may be, in any script', async () => {
    const fillers = ['あ', '"', '\\', 'A', '😀'];
    const names = fillers.map((filler, i) => `Lengthy ${i} ${filler.repeat(200 - 10)}`);
    for (const [i, name] of names.entries()) expect((await create({ ...valid, sku: `LENGTHY-${i}`, name })).status).toBe(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: Array<{ name: string }>; nextCursor: string | null } } = await t.http.get(
        `/api/v1/products?search=lengthy&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((p) => p.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...names].sort((a, b) => (a < b ? -1 : 1)));
  });

  it('refuses a name with a control character beside the other fields (400), which JSON and CSV would carry escaped or raw', async () => {
    for (const [i, name] of ['Mug\u0001', 'Mug\u001b[31m', 'Mug\u0085', 'Two\nlines'].entries()) {
      const reply = await create({ ...valid, sku: `CONTROL-${i}`, name, stock: -1 });
      expect({ name, status: reply.status, errors: reply.body.errors }).toEqual({
        name,
        status: 400,
        errors: [
          { field: 'name', message: 'name must not contain control characters' },
          { field: 'stock', message: 'stock must not be less than 0' },
        ],
      });
    }
  });

  it('stores the names kept before in NFC once its migration runs, with a new version', async () => {
    const product = await newProduct(t.http, admin.token, { name: 'Pi\u00f1a jug' });
    const connection = t.app.get(MikroORM).em.getConnection();
    // As stored before: in the form the client sent, here decomposed.
    await connection.execute('update products set name = ? where id = ?', ['Pi\u00f1a jug'.normalize('NFD'), product.id]);
    const migrator = t.app.get(MikroORM).migrator;
    await migrator.down({ to: 'M021RefundGuardColumns' });
    await migrator.up();
    const read = await t.http.get(`/api/v1/products/${product.id}`);
    expect([read.body.name, read.headers.etag]).toEqual(['Pi\u00f1a jug', '"2"']);
  });

  it('refuses a name that shows nothing, zero-width characters only, as blank', async () => {
    for (const [i, name] of ['\u200b', ' \u200d\u2060 '].entries()) {
      const reply = await create({ ...valid, sku: `BLANK-${i}`, name });
      expect({ name, status: reply.status, errors: reply.body.errors }).toEqual({ name, status: 400, errors: [{ field: 'name', message: 'name must not be blank' }] });
    }
  });

  it('keeps a name in NFC, found by a search typed either way', async () => {
    const sku = `NFC-${randomUUID().slice(0, 8).toUpperCase()}`;
    const created = await create({ ...valid, sku, name: 'Cafe\u0301 au lait bowl' });
    expect(created.body.name).toBe('Caf\u00e9 au lait bowl');
    const renamed = await t.http.patch(`/api/v1/products/${created.body.id}`, { name: 'Cre\u0300me bowl' }, { token: admin.token });
    expect(renamed.body.name).toBe('Cr\u00e8me bowl');
    for (const search of ['cr\u00e8me', 'cre\u0300me']) {
      const found = await t.http.get(`/api/v1/products?search=${encodeURIComponent(search)}`);
      expect(found.body.items.map((p: { sku: string }) => p.sku)).toEqual([sku]);
    }
  });

  it('answers a cursor it did not issue with 400, whatever its key holds', async () => {
    const cursorOf = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
    for (const key of [['Paged', 'not-a-uuid'], ['\u0000', randomUUID()], ['Paged', '00000000-0000-0000-0000-00000000000g'], ['Paged'], 'Paged']) {
      const reply = await t.http.get(`/api/v1/products?cursor=${cursorOf(key)}`);
      expect(reply.status).toBe(400);
      expect(reply.body.errors).toEqual([{ field: 'cursor', message: 'cursor is not one this API issued' }]);
    }
  });

  it('archives: gone from lists and reads for customers, still visible to admins, not orderable', async () => {
    const product = await newProduct(t.http, admin.token, { name: 'Archived thing' });
    expect((await t.http.delete(`/api/v1/products/${product.id}`, { token: admin.token })).status).toBe(204);
    const again = await t.http.delete(`/api/v1/products/${product.id}`, { token: admin.token });
    expect([again.status, again.body.type]).toEqual([409, expect.stringMatching(/product-already-archived$/)]);
    expect((await t.http.get(`/api/v1/products/${product.id}`)).status).toBe(404);
    expect((await t.http.get('/api/v1/products?search=archived thing')).body.items).toEqual([]);
    expect((await t.http.get(`/api/v1/products/${product.id}`, { token: admin.token })).body.status).toBe('archived');
    const archived = await t.http.get('/api/v1/products?status=archived&search=archived thing', { token: admin.token });
    expect(archived.body.items).toHaveLength(1);
    const customer = await newCustomer(t.http);
    expect((await t.http.get('/api/v1/products?status=archived', { token: customer.token })).status).toBe(403);
    // Nobody signed in: asked to (401 and its challenge), as a client that signs in on 401 expects.
    const anonymous = await t.http.get('/api/v1/products?status=archived');
    expect([anonymous.status, anonymous.headers['www-authenticate'], anonymous.body.type]).toEqual([401, 'Bearer', expect.stringMatching(/authentication-required$/)]);
    const order = await placeOrder(t.http, customer.token, [{ productId: product.id, quantity: 1 }]);
    expect(order.status).toBe(422);
  });

  it('changes price without touching orders already placed', async () => {
    const product = await newProduct(t.http, admin.token, { price: 1000 });
    const customer = await newCustomer(t.http);
    const order = await placeOrder(t.http, customer.token, [{ productId: product.id, quantity: 2 }]);
    const repriced = await t.http.patch(`/api/v1/products/${product.id}`, { price: { amount: 1500, currency: 'USD' } }, { token: admin.token });
    expect(repriced.body.price.amount).toBe(1500);
    const again = await t.http.get(`/api/v1/orders/${order.body.id}`, { token: customer.token });
    expect(again.body.lines[0].unitPrice.amount).toBe(1000);
    expect(again.body.total.amount).toBe(2000);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await t.http.get('/api/v1/products/01937c5e-8a4b-7cde-9f01-23456789abcd')).status).toBe(404);
    expect((await t.http.get('/api/v1/products/42')).status).toBe(400);
  });

  it('keeps product writes for admins', async () => {
    const customer = await newCustomer(t.http);
    const product = await newProduct(t.http, admin.token);
    expect((await t.http.post('/api/v1/products', valid, { token: customer.token })).status).toBe(403);
    expect((await t.http.patch(`/api/v1/products/${product.id}`, { stock: 1 }, { token: customer.token })).status).toBe(403);
    expect((await t.http.delete(`/api/v1/products/${product.id}`, { token: customer.token })).status).toBe(403);
    expect((await t.http.post('/api/v1/products', valid)).status).toBe(401);
  });

  describe('versions: ETag and If-Match', () => {
    const read = (id: string) => t.http.get(`/api/v1/products/${id}`, { token: admin.token });
    const change = (id: string, body: object, ifMatch?: string) =>
      t.http.patch(`/api/v1/products/${id}`, body, { token: admin.token, headers: ifMatch === undefined ? {} : { 'if-match': ifMatch } });

    // An admin counts the shelf from a read, a sale reserves stock meanwhile, and the count is sent: set blindly, the
    // stock it wrote put back on sale what the sale had reserved.
    it('tags a product with its version, which a sale moves on: a stock count sent for the version read before it is a 412 and changes nothing', async () => {
      const created = await create({ ...valid, sku: `TAG-${randomUUID().slice(0, 8).toUpperCase()}`, stock: 10 });
      expect(created.headers.etag).toBe('"1"');
      const before = await read(created.body.id);
      expect(before.headers.etag).toBe('"1"');
      const customer = await newCustomer(t.http);
      expect((await placeOrder(t.http, customer.token, [{ productId: created.body.id, quantity: 3 }])).status).toBe(201);
      const afterSale = await read(created.body.id);
      expect(afterSale.body.stock).toBe(7);
      expect(afterSale.headers.etag).not.toBe(before.headers.etag);

      const stale = await change(created.body.id, { stock: 15 }, before.headers.etag as string);
      expect(stale.status).toBe(412);
      expect(stale.body).toMatchObject({ status: 412, type: expect.stringMatching(/product-version-changed$/) });
      expect((await read(created.body.id)).body.stock).toBe(7);

      const counted = await change(created.body.id, { stock: 12 }, afterSale.headers.etag as string);
      expect(counted.status).toBe(200);
      expect(counted.body.stock).toBe(12);
      expect(counted.headers.etag).not.toBe(afterSale.headers.etag);
      expect((await read(created.body.id)).headers.etag).toBe(counted.headers.etag);
    });

    it('lets through one of two changes sent at once for the same version: the other is a 412', async () => {
      const product = await newProduct(t.http, admin.token, { stock: 10 });
      const tag = (await read(product.id)).headers.etag as string;
      const replies = await Promise.all([change(product.id, { stock: 20 }, tag), change(product.id, { stock: 30 }, tag)]);
      expect(replies.map((reply) => reply.status).sort()).toEqual([200, 412]);
      const winner = replies.find((reply) => reply.status === 200)!;
      expect((await read(product.id)).body.stock).toBe(winner.body.stock);
    });

    it('takes *, a list naming the current version, or no If-Match; a weak or foreign tag matches nothing; a header of no tags is a 400', async () => {
      const product = await newProduct(t.http, admin.token, { stock: 10 });
      const current = (await read(product.id)).headers.etag as string;
      expect((await change(product.id, { stock: 11 }, '*')).status).toBe(200);
      const listed = (await read(product.id)).headers.etag as string;
      expect((await change(product.id, { stock: 12 }, `"999", ${listed}`)).status).toBe(200);
      // Empty elements of a list are ignored (RFC 9110, 5.6.1.2), as a client joining tags may leave them.
      const joined = (await read(product.id)).headers.etag as string;
      expect((await change(product.id, { stock: 12 }, `, ${joined} , ,`)).status).toBe(200);
      expect((await change(product.id, { stock: 13 })).status).toBe(200);
      const now = (await read(product.id)).headers.etag as string;
      expect((await change(product.id, { stock: 14 }, `W/${now}`)).status).toBe(412);
      expect((await change(product.id, { stock: 14 }, '"abc"')).status).toBe(412);
      expect((await change(product.id, { stock: 14 }, current)).status).toBe(412);
      const malformed = await change(product.id, { stock: 14 }, now.replaceAll('"', ''));
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors).toEqual([{ field: 'If-Match', message: 'If-Match must be * or a list of entity tags such as "3"' }]);
      expect((await read(product.id)).body.stock).toBe(13);
    });

    it('leaves a product, its version and its moment of change as they were when a change sends what it already holds', async () => {
      const product = await newProduct(t.http, admin.token, { stock: 10, name: 'Unchanged lamp' });
      const before = await read(product.id);
      const same = await change(product.id, { name: 'Unchanged lamp', stock: 10, price: before.body.price }, before.headers.etag as string);
      expect(same.status).toBe(200);
      expect(same.headers.etag).toBe(before.headers.etag);
      expect(same.body.updatedAt).toBe(before.body.updatedAt);
      expect((await change(product.id, {}, before.headers.etag as string)).headers.etag).toBe(before.headers.etag);
      const after = await read(product.id);
      expect([after.headers.etag, after.body.updatedAt]).toEqual([before.headers.etag, before.body.updatedAt]);
    });

    it('archives only the version an If-Match names: a stale one is a 412 and the product stays on sale', async () => {
      const product = await newProduct(t.http, admin.token, { stock: 10 });
      const before = (await read(product.id)).headers.etag as string;
      expect((await change(product.id, { stock: 9 })).status).toBe(200);
      const archive = (ifMatch: string) => t.http.delete(`/api/v1/products/${product.id}`, { token: admin.token, headers: { 'if-match': ifMatch } });
      const stale = await archive(before);
      expect(stale.status).toBe(412);
      expect(stale.body.type).toMatch(/product-version-changed$/);
      expect((await t.http.get(`/api/v1/products/${product.id}`)).body.status).toBe('active');
      expect((await archive((await read(product.id)).headers.etag as string)).status).toBe(204);
      expect((await t.http.get(`/api/v1/products/${product.id}`)).status).toBe(404);
    });

    it('answers a read with 304 and no body while the product is a version If-None-Match names, and in full once it changed', async () => {
      const product = await newProduct(t.http, admin.token, { stock: 10 });
      const read = (ifNoneMatch: string) => t.http.get(`/api/v1/products/${product.id}`, { headers: { 'if-none-match': ifNoneMatch } });
      const tag = (await t.http.get(`/api/v1/products/${product.id}`)).headers.etag as string;
      for (const held of [tag, `W/${tag}`, `"999", ${tag}`, `"999", , ${tag},`, '*']) {
        const unchanged = await read(held);
        expect({ held, status: unchanged.status, etag: unchanged.headers.etag, body: unchanged.text }).toEqual({ held, status: 304, etag: tag, body: '' });
      }
      for (const held of ['"999"', tag.replaceAll('"', '')]) {
        const sent = await read(held);
        expect({ held, status: sent.status, stock: sent.body.stock }).toEqual({ held, status: 200, stock: 10 });
      }
      expect((await change(product.id, { stock: 9 })).status).toBe(200);
      const changed = await read(tag);
      expect([changed.status, changed.body.stock, changed.headers.etag]).toEqual([200, 9, expect.not.stringMatching(`^${tag}$`)]);
    });

    it('answers an unknown product with If-Match 404, as without', async () => {
      expect((await change(randomUUID(), { stock: 1 }, '"1"')).status).toBe(404);
    });
  });
});
