/**
 * Set-based SQL that fabricates a realistic history inside the database: no rows cross the wire, so a
 * million orders take minutes. Random values in correlated subqueries reference the outer row (`+ 0 * i`)
 * so PostgreSQL evaluates them per row instead of once.
 */

/** A UUIDv7 whose time part is `ts`, so time-ordered keyset pagination holds for fabricated rows too. */
export const UUID7_FUNCTION = `
  create or replace function pg_temp.uuid7(ts timestamptz) returns uuid language sql volatile as $$
    select (lpad(to_hex(floor(extract(epoch from ts) * 1000)::bigint), 12, '0') || '7' || substr(h, 1, 3)
            || substr('89ab', 1 + (('x' || substr(h, 4, 1))::bit(4)::int % 4), 1) || substr(h, 5, 15))::uuid
      from (select md5(random()::text || clock_timestamp()::text) as h) r
  $$`;

export const CREATE_CUSTOMERS = `
  insert into users (id, email, name, role, status, password_hash, failed_logins, created_at, updated_at)
  select pg_temp.uuid7(ts), 'volume-customer-' || n || '@example.com', 'Volume Customer ' || n, 'customer', 'active', ?, 0, ts, ts
    from generate_series(1, ?) n
    cross join lateral (select now() - interval '800 days' + n * interval '1 second' as ts) t
  on conflict (email) do nothing`;

export const CREATE_PRODUCTS = `
  insert into products (id, sku, name, description, price_amount, currency, stock, status, created_at, updated_at, version)
  select pg_temp.uuid7(ts), 'VOL-' || lpad(n::text, 5, '0'), 'Volume product ' || n, null,
         (100 + floor(random() * 20000 + 0 * n))::bigint, ?, 1000000, 'active', ts, ts, 1
    from generate_series(1, ?) n
    cross join lateral (select now() - interval '800 days' + n * interval '1 second' as ts) t
  on conflict (sku) do nothing`;

/** Numbered lookups so a random number picks a row by index. Temp objects live for one transaction. */
export const STAGE_LOOKUPS = [
  `create temp table volume_customers on commit drop as
     select row_number() over (order by id) as n, id from users where email like 'volume-customer-%'`,
  `create temp table volume_products on commit drop as
     select row_number() over (order by id) as n, id, sku, name, price_amount from products where sku like 'VOL-%'`,
  'create unique index on volume_customers (n)',
  'create unique index on volume_products (n)',
];

/**
 * One batch of orders with their fates: 58% fulfilled, 30% paid, 8% cancelled unpaid, 4% refunded in full;
 * a twentieth of fulfilled orders also get a partial refund. Spread over the last two years.
 */
export const STAGE_BATCH = `
  create temp table volume_batch on commit drop as
  select pg_temp.uuid7(created_at) as id, customer_id, lines, total, created_at, fate,
         created_at + (1 + floor(random() * 50 + 0 * i)) * interval '1 minute' as paid_at,
         created_at + (2 + floor(random() * 20 + 0 * i)) * interval '1 day' as later_at
    from (
      select i, now() - random() * interval '730 days' + 0 * i * interval '1 second' as created_at,
             random() + 0 * i as fate, vc.id as customer_id, l.lines, l.total
        from generate_series(1, ?) i
        cross join lateral (select 1 + floor(random() * ? + 0 * i)::int as n) pick_customer
        join volume_customers vc on vc.n = pick_customer.n
        cross join lateral (
          select jsonb_agg(jsonb_build_object('productId', p.id, 'sku', p.sku, 'name', p.name, 'unitPrice', p.price_amount,
                                              'quantity', pick.q, 'lineTotal', p.price_amount * pick.q)) as lines,
                 sum(p.price_amount * pick.q)::bigint as total
            from (select distinct on (pn) pn, q
                    from (select 1 + floor(random() * ? + 0 * i)::int as pn, 1 + floor(random() * 3)::int as q
                            from generate_series(1, 1 + (i % 4)) g) x) pick
            join volume_products p on p.n = pick.pn
        ) l
    ) o`;

export const INSERT_BATCH_ORDERS = `
  insert into orders (id, customer_id, status, lines, currency, total_amount, created_at, updated_at, payment_due_at,
                      paid_at, fulfilled_at, cancelled_at, cancellation_reason, refunded_at, version)
  select id, customer_id,
         case when fate < 0.58 then 'fulfilled' when fate < 0.88 then 'paid' when fate < 0.96 then 'cancelled' else 'refunded' end,
         lines, ?, total, created_at, created_at, created_at + interval '30 minutes',
         case when fate < 0.96 and fate >= 0.88 then null else paid_at end,
         case when fate < 0.58 then later_at end,
         case when fate >= 0.88 and fate < 0.96 then created_at + interval '30 minutes' end,
         case when fate >= 0.88 and fate < 0.96 then 'payment_timeout' end,
         case when fate >= 0.96 then later_at end,
         1
    from volume_batch`;

/** The batch's orders with a succeeded payment (refunded ones were paid first). */
export const BATCH_PAID_ORDER_IDS = 'select id from volume_batch where fate < 0.88 or fate >= 0.96';

export const INSERT_BATCH_PAYMENTS = `
  insert into transactions (id, order_id, customer_id, type, status, amount, currency, payment_method, gateway_reference,
                            failure_code, reason, created_at, updated_at, settled_at)
  select pg_temp.uuid7(paid_at), id, customer_id, 'payment', 'succeeded', total, ?, 'pm_card_visa', 'ch_' || md5(id::text), null, null, paid_at, paid_at, paid_at
    from volume_batch where id in (${BATCH_PAID_ORDER_IDS})`;

export const INSERT_BATCH_REFUNDS = `
  insert into transactions (id, order_id, customer_id, type, status, amount, currency, payment_method, gateway_reference,
                            failure_code, reason, created_at, updated_at, settled_at)
  select pg_temp.uuid7(later_at), id, customer_id, 'refund', 'succeeded',
         case when fate >= 0.96 then total else greatest(1, total / 2) end, ?, 'pm_card_visa', 're_' || md5(id::text), null,
         case when fate >= 0.96 then 'Returned' else 'Partial refund: damaged item' end, later_at, later_at, later_at
    from volume_batch where fate >= 0.96 or fate < 0.029`;
