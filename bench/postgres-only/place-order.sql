-- One order, as the app and the baseline place it (bench/baseline/server.ts), without any server in between:
-- a lookup by key where the app checks the session, then in one transaction the customer's advisory lock, the
-- open-order count, the conditional stock update returning the price, the order and its outbox event (marked
-- published here: no relay runs). Client c is customer c and takes products c, c+50, c+100, c+150 in turn, so
-- no two clients wait on one customer or one product, as under the HTTP benchmark's round robin.
\set turn (:turn + 1) % 4
select customer, product, gen_random_uuid() as order_id, gen_random_uuid() as event_id from bench_clients where client = :client_id % 50 and turn = :turn \gset
begin;
select pg_advisory_xact_lock(hashtextextended('orders:' || :customer::text, 0));
select count(*)::int as count from orders where customer_id = :customer and status = 'pending_payment';
update products set stock = stock - 1, version = version + 1 where id = :product and status = 'active' and stock >= 1 returning id, sku, name, price_amount, currency;
insert into orders (id, customer_id, status, lines, currency, total_amount, created_at, updated_at, payment_due_at) values (:order_id, :customer, 'pending_payment', '[{"productId":"00000000-0000-0000-0000-000000000000","sku":"BENCH-0","name":"Bench product 000","unitPrice":500,"quantity":1,"lineTotal":500}]', 'USD', 500, now(), now(), now() + interval '30 minutes');
insert into outbox_events (id, type, aggregate_id, occurred_at, payload, published_at) values (:event_id, 'order.placed', :order_id, now(), '{"customerId":"00000000-0000-0000-0000-000000000000","lines":[],"totalAmount":500,"currency":"USD"}', now());
commit;
