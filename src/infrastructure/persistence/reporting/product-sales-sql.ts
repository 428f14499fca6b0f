/**
 * Counts paid orders into product_sales_daily, in one statement: each order's lines on the UTC day its payment
 * succeeded, the same day the sales report books its gross on. An order already in product_sales_orders is
 * skipped; inserting it there first makes a concurrent second count wait for the first and then skip it. Rows
 * are written in key order, so two statements counting orders of the same products never deadlock.
 * `orderIds` is a query that yields the ids of the orders to count.
 */
export const recordPaidOrdersSql = (orderIds: string) => `
  with counted as (
    insert into product_sales_orders (order_id)
    select t.order_id from transactions t
     where t.order_id in (${orderIds}) and t.type = 'payment' and t.status = 'succeeded'
     order by t.order_id
    on conflict do nothing
    returning order_id
  ),
  sold as (
    select (t.settled_at at time zone 'UTC')::date as day, l."productId" as product_id,
           max(l.sku) as sku, max(l.name) as name, sum(l.quantity) as units_sold, sum(l."lineTotal") as revenue
      from counted c
      join transactions t on t.order_id = c.order_id and t.type = 'payment' and t.status = 'succeeded'
      join orders o on o.id = c.order_id
      cross join lateral jsonb_to_recordset(o.lines) as l("productId" uuid, sku text, name text, quantity int, "lineTotal" bigint)
     group by 1, 2
  )
  insert into product_sales_daily as d (day, product_id, sku, name, units_sold, revenue)
  select day, product_id, sku, name, units_sold, revenue from sold
   order by day, product_id
  on conflict (day, product_id) do update set
    units_sold = d.units_sold + excluded.units_sold,
    revenue = d.revenue + excluded.revenue,
    sku = greatest(d.sku, excluded.sku),
    name = greatest(d.name, excluded.name)`;
