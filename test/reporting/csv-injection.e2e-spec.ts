import { asAdmin, newCustomer, newProduct, pay, placeOrder, type LoggedIn } from '../support/journeys';
import { relayAll } from '../support/relay';
import { startTestApp, type TestApp } from '../support/test-app';

/** RFC 4180 rows: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') field += text[++i];
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',' || (char === '\r' && text[i + 1] === '\n')) {
      row.push(field);
      field = '';
      if (char === '\r') {
        rows.push(row);
        row = [];
        i++;
      }
    } else {
      field += char;
    }
  }
  return rows;
}

/**
 * Product names are typed by admins and end up in reports other people open in a spreadsheet: a name that starts
 * a formula must reach the spreadsheet as text (OWASP CSV injection).
 */
describe('CSV exports in a spreadsheet', () => {
  let t: TestApp;
  let admin: LoggedIn;
  const names = ['=HYPERLINK("http://evil.example","click")', '+SUM(1,2)', '-2+3', '@SUM(A1:A2)', '=1+1;cmd|calc'];

  beforeAll(async () => {
    t = await startTestApp();
    admin = await asAdmin(t.http);
    const customer = await newCustomer(t.http);
    for (const name of names) {
      const product = await newProduct(t.http, admin.token, { name, price: 700 });
      const order = await placeOrder(t.http, customer.token, [{ productId: product.id, quantity: 1 }]);
      expect((await pay(t.http, customer.token, order.body.id)).status).toBe(201);
    }
    await relayAll(t); // the ranking reads a model fed by order.paid
  });
  afterAll(() => t.close());

  // Around today, so that a run across midnight (UTC) still covers the payments.
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const range = () => `from=${day(-1)}&to=${day(1)}`;

  it('writes no cell of the top-products CSV that a spreadsheet would run as a formula', async () => {
    const csv = await t.http.get(`/api/v1/reports/top-products?${range()}&limit=10`, { token: admin.token, headers: { accept: 'text/csv' } });
    expect(csv.status).toBe(200);
    const [header, ...rows] = parseCsv(csv.text);
    expect(header).toEqual(['productId', 'sku', 'name', 'unitsSold', 'revenue']);
    expect(rows).toHaveLength(names.length);
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    // The names are all there, as text: the quote a spreadsheet hides, then the name as it was typed.
    expect(rows.map((row) => row[2]).sort()).toEqual(names.map((name) => `'${name}`).sort());
    expect(rows.map((row) => [row[3], row[4]])).toEqual(names.map(() => ['1', '700']));
  });

  it('still answers the names as they are in JSON', async () => {
    const top = await t.http.get(`/api/v1/reports/top-products?${range()}&limit=10`, { token: admin.token });
    expect(top.body.map((product: { name: string }) => product.name).sort()).toEqual([...names].sort());
  });
});
