import { Migration } from '@mikro-orm/migrations';

export class M003Ordering extends Migration {
  override name = 'M003Ordering';

  override up(): void {
    this.addSql(`
      create table orders (
        id uuid primary key,
        customer_id uuid not null references users (id),
        status varchar(24) not null
          check (status in ('pending_payment', 'paid', 'fulfilled', 'cancelled', 'refunded')),
        lines jsonb not null check (jsonb_typeof(lines) = 'array' and jsonb_array_length(lines) between 1 and 50),
        currency char(3) not null,
        total_amount bigint not null check (total_amount > 0),
        created_at timestamptz not null,
        updated_at timestamptz not null,
        payment_due_at timestamptz not null,
        paid_at timestamptz null,
        fulfilled_at timestamptz null,
        cancelled_at timestamptz null,
        cancellation_reason varchar(24) null check (cancellation_reason in ('customer', 'admin', 'payment_timeout')),
        refunded_at timestamptz null,
        version integer not null default 1,
        check ((status = 'cancelled') = (cancelled_at is not null))
      )`);
    // A customer's orders, newest first (ids are time-ordered UUIDv7), optionally by status.
    this.addSql('create index orders_customer_id on orders (customer_id, id desc)');
    this.addSql('create index orders_customer_status_id on orders (customer_id, status, id desc)');
    // The admin's list filtered by status.
    this.addSql('create index orders_status_id on orders (status, id desc)');
    // The expiry sweep: only unpaid orders, by deadline.
    this.addSql(`create index orders_payment_due on orders (payment_due_at) where status = 'pending_payment'`);
  }

  override down(): void {
    this.addSql('drop table orders');
  }
}
