/**
 * The product read and page as the bare servers run them (bench/baseline/server.ts, bench/nest-floor/server.ts):
 * the app's SQL and JSON, the reads named prepared statements as the app's are (read-queries.ts).
 */
export interface ProductRow {
  id: string;
  sku: string;
  name: string;
  description: string | null;
  price_amount: string;
  currency: string;
  stock: number;
  status: string;
  created_at: Date;
  updated_at: Date;
}

const columns = 'id, sku, name, description, price_amount, currency, stock, status, created_at, updated_at, version';

const toDto = (row: ProductRow) => ({
  id: row.id,
  sku: row.sku,
  name: row.name,
  description: row.description,
  price: { amount: Number(row.price_amount), currency: row.currency },
  stock: row.stock,
  status: row.status,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/** The statement of a product read. */
export const productByIdQuery = (id: string) => ({ name: 'product-by-id', text: `select ${columns} from products where id = $1 limit 1`, values: [id] });

/** An active product's reply, or undefined (a 404). */
export const activeProduct = (rows: ProductRow[]) => (rows[0]?.status === 'active' ? toDto(rows[0]) : undefined);

/** The statement of the first page of active products by name, one more than the page to tell if another follows. */
export const productPageQuery = (limit: number) => ({
  name: 'product-page',
  text: `select ${columns} from products where status = 'active' order by name asc, id asc limit $1`,
  values: [limit + 1],
});

/** The page's reply: its products and the cursor of the next page. */
export function productPage(rows: ProductRow[], limit: number) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(toDto),
    nextCursor: rows.length > limit ? Buffer.from(JSON.stringify([last.name, last.id])).toString('base64url') : null,
  };
}
