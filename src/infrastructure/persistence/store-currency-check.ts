import type { MikroORM } from '@mikro-orm/core';
import { SettingRefused } from '../config/setting-refused';

/**
 * One store has one currency (API.md). Started with a STORE_CURRENCY other than its data's, the app sold the
 * products priced before in their old currency, could refund none of those orders, and summed both currencies in
 * its reports as one. It stops instead, naming the currency the data is in. A product priced in another currency,
 * or the newest transaction: one indexed row, whatever the size of the history.
 */
export async function assertStoreCurrency(orm: MikroORM, currency: string): Promise<void> {
  const [found] = await orm.em.getConnection().execute<Array<{ currency: string }>>(
    `select currency from (select currency from products where currency <> ? limit 1) as product
     union all
     select currency from (select currency from transactions order by id desc limit 1) as newest where currency <> ?`,
    [currency, currency],
  );
  if (found) {
    throw new SettingRefused(`STORE_CURRENCY: ${currency}, but this database holds amounts in ${found.currency}; a store has one currency (STORE_CURRENCY=${found.currency}).`);
  }
}
