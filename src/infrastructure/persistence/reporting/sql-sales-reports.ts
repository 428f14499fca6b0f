import { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import { type SalesBucket, SalesReports, type TopProduct } from '../../../application/reporting/sales-reports';
import type { ReportInterval, ReportRange } from '../../../domain/reporting/report-range';
import { exactSum } from '../../../domain/reporting/report-sums';

/**
 * Every period of the range from generate_series, left-joined to one grouped pass over succeeded
 * transactions (served by the partial index on settled_at). Periods are truncated in UTC.
 */
export const SALES_BY_PERIOD_SQL = `
  with periods as (
    select generate_series(
      date_trunc(?, ?::timestamptz at time zone 'UTC'),
      date_trunc(?, ?::timestamptz at time zone 'UTC'),
      ('1 ' || ?)::interval) as period
  ),
  moved as (
    select date_trunc(?, settled_at at time zone 'UTC') as period,
           count(*) filter (where type = 'payment') as orders,
           coalesce(sum(amount) filter (where type = 'payment'), 0) as gross,
           coalesce(sum(amount) filter (where type = 'refund'), 0) as refunds
      from transactions
     where status = 'succeeded' and settled_at >= ? and settled_at < ?
     group by 1
  )
  select to_char(p.period, 'YYYY-MM-DD') as period,
         coalesce(m.orders, 0) as orders, coalesce(m.gross, 0) as gross, coalesce(m.refunds, 0) as refunds
    from periods p left join moved m on m.period = p.period
   order by p.period`;

export const salesByPeriodParams = (range: ReportRange, interval: ReportInterval) => {
  const lastInstant = new Date(range.end.getTime() - 1);
  return [interval, range.start, interval, lastInstant, interval, interval, range.start, range.end];
};

/**
 * From the read model (product-sales-sql.ts): a year is some 365 rows per product, not every line of every order.
 * Named as the catalogue names the product now (a report joins contexts' facts, decision 0007): the read model keeps
 * a name per day of sales, and a renamed product sold on several days has several.
 */
const TOP_PRODUCTS_SQL = `
  select top.product_id, top.sku, coalesce(p.name, top.name) as name, top.units_sold, top.revenue
    from (select product_id, max(sku) as sku, max(name) as name, sum(units_sold) as units_sold, sum(revenue) as revenue
            from product_sales_daily
           where day between ?::date and ?::date
           group by product_id
           order by revenue desc, product_id
           limit ?) top
    left join products p on p.id = top.product_id
   order by top.revenue desc, top.product_id`;

@Injectable()
export class SqlSalesReports extends SalesReports {
  constructor(private readonly em: SqlEntityManager) {
    super();
  }

  async sales(range: ReportRange, interval: ReportInterval): Promise<SalesBucket[]> {
    const rows = await this.em.getConnection('read').execute<Array<{ period: string; orders: string; gross: string; refunds: string }>>(
      SALES_BY_PERIOD_SQL,
      salesByPeriodParams(range, interval),
    );
    return rows.map((row) => {
      const orders = Number(row.orders);
      const gross = exactSum(row.gross);
      const refunds = exactSum(row.refunds);
      return { period: row.period, orders, gross, refunds, net: gross - refunds, averageOrderValue: orders > 0 ? Math.round(gross / orders) : 0 };
    });
  }

  async topProducts(range: ReportRange, limit: number): Promise<TopProduct[]> {
    const rows = await this.em.getConnection('read').execute<Array<{ product_id: string; sku: string; name: string; units_sold: string; revenue: string }>>(
      TOP_PRODUCTS_SQL,
      [range.from, range.to, limit],
    );
    return rows.map((row) => ({
      productId: row.product_id,
      sku: row.sku,
      name: row.name,
      unitsSold: exactSum(row.units_sold),
      revenue: exactSum(row.revenue),
    }));
  }
}
