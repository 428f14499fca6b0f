import { Migration } from '@mikro-orm/migrations';

export class M002Catalogue extends Migration {
  override name = 'M002Catalogue';

  override up(): void {
    this.addSql(`
      create table products (
        id uuid primary key,
        sku varchar(64) not null check (sku ~ '^[A-Z0-9-]{1,64}$'),
        name varchar(200) not null check (length(name) > 0),
        description text null,
        price_amount bigint not null check (price_amount > 0),
        currency char(3) not null,
        stock integer not null check (stock >= 0),
        status varchar(16) not null check (status in ('active', 'archived')),
        created_at timestamptz not null,
        updated_at timestamptz not null,
        version integer not null default 1
      )`);
    this.addSql('create unique index products_sku_unique on products (sku)');
    // The catalogue list: active (or archived) products by name, keyset on (name, id).
    this.addSql('create index products_status_name_id on products (status, name, id)');
  }

  override down(): void {
    this.addSql('drop table products');
  }
}
