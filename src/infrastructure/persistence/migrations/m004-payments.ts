import { Migration } from '@mikro-orm/migrations';

export class M004Payments extends Migration {
  override name = 'M004Payments';

  override up(): void {
    this.addSql(`
      create table transactions (
        id uuid primary key,
        order_id uuid not null references orders (id),
        customer_id uuid not null references users (id),
        type varchar(16) not null check (type in ('payment', 'refund')),
        status varchar(16) not null check (status in ('pending', 'succeeded', 'failed')),
        amount bigint not null check (amount > 0),
        currency char(3) not null,
        payment_method varchar(64) not null,
        gateway_reference varchar(128) null,
        failure_code varchar(64) null,
        reason varchar(500) null,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        settled_at timestamptz null,
        check ((status = 'pending') = (settled_at is null)),
        check ((status = 'succeeded') = (gateway_reference is not null)),
        check ((status = 'failed') = (failure_code is not null))
      )`);
    // At most one succeeded payment per order, and one in progress, whatever the code above does.
    this.addSql(`create unique index transactions_one_paid on transactions (order_id) where type = 'payment' and status = 'succeeded'`);
    this.addSql(`create unique index transactions_one_paying on transactions (order_id) where type = 'payment' and status = 'pending'`);
    // Lists: own and all, newest first, filtered by order, type and status; reconciliation of stale pending rows.
    this.addSql('create index transactions_customer_id on transactions (customer_id, id desc)');
    this.addSql('create index transactions_order_id on transactions (order_id, id desc)');
    this.addSql('create index transactions_type_status_id on transactions (type, status, id desc)');
    this.addSql(`create index transactions_pending on transactions (created_at) where status = 'pending'`);
    // Sales reports: succeeded money movements by type and time, covering the amount and order.
    this.addSql(`create index transactions_succeeded_by_time on transactions (settled_at) include (type, amount, order_id) where status = 'succeeded'`);
    // Refunds never add up to more than the succeeded payment: checked under the order's row lock, so
    // concurrent refunds of one order are serialised here even if application code forgot to lock.
    this.addSql(`
      create function transactions_refund_guard() returns trigger language plpgsql as $$
      begin
        if new.type = 'refund' and new.status <> 'failed' then
          perform 1 from orders where id = new.order_id for update;
          if (select coalesce(sum(amount), 0) from transactions
                where order_id = new.order_id and type = 'refund' and status <> 'failed')
             > (select coalesce(sum(amount), 0) from transactions
                where order_id = new.order_id and type = 'payment' and status = 'succeeded') then
            raise exception 'refunds of order % exceed its payment', new.order_id using errcode = 'check_violation';
          end if;
        end if;
        return null;
      end $$`);
    this.addSql(`
      create trigger transactions_refund_guard after insert or update on transactions
        for each row execute function transactions_refund_guard()`);
  }

  override down(): void {
    this.addSql('drop table transactions');
    this.addSql('drop function transactions_refund_guard');
  }
}
