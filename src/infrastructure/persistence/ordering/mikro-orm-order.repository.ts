import { LockMode } from '@mikro-orm/core';
import { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { OrderRepository } from '../../../application/ordering/order.repository';
import { Order } from '../../../domain/ordering/order';
import { insertNative, runNative } from '../native-statement';

@Injectable()
export class MikroOrmOrderRepository extends OrderRepository {
  constructor(private readonly em: SqlEntityManager) {
    super();
  }

  nextId(): string {
    return uuidv7();
  }

  byId(id: string): Promise<Order | null> {
    return this.em.findOne(Order, { id });
  }

  byIdForUpdate(id: string): Promise<Order | null> {
    return this.em.findOne(Order, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  }

  /** A new order is written with one insert, without a flush's pass over the unit of work. */
  add(order: Order): Promise<void> {
    return insertNative(this.em, order);
  }

  async save(order: Order): Promise<void> {
    await this.em.persist(order).flush();
  }

  async countAwaitingPaymentLocked(customerId: string, now: Date): Promise<number> {
    // A transaction-scoped advisory lock per customer: works the same on PostgreSQL and PGlite.
    await runNative(this.em, 'select pg_advisory_xact_lock(hashtextextended(?, 0))', [`orders:${customerId}`]);
    const [{ count }] = await runNative<{ count: number }>(
      this.em,
      "select count(*)::int as count from orders where customer_id = ? and status = 'pending_payment' and payment_due_at > ?",
      [customerId, now],
    );
    return count;
  }

  async overdueForUpdate(now: Date, limit: number): Promise<Order[]> {
    // An order whose payment is being processed is left alone: the charge may already have gone through.
    const rows = await this.em.execute<Array<{ id: string }>>(
      `select o.id from orders o
        where o.status = 'pending_payment' and o.payment_due_at <= ?
          and not exists (select 1 from transactions t where t.order_id = o.id and t.type = 'payment' and t.status = 'pending')
        order by o.payment_due_at
        limit ?
        for update skip locked`,
      [now, limit],
    );
    if (rows.length === 0) return [];
    // Asked again now that the rows are locked: the statement above judged by its snapshot, taken before it
    // locked, so a payment committed in between (its request held the order's lock, then let go) was not in it.
    // A statement of its own sees it, and that order stays: its charge may already have gone through.
    const paying = await this.em.execute<Array<{ order_id: string }>>(
      `select order_id from transactions where type = 'payment' and status = 'pending' and order_id in (${rows.map(() => '?').join(', ')})`,
      rows.map((row) => row.id),
    );
    const beingPaid = new Set(paying.map((row) => row.order_id));
    const overdue = rows.filter((row) => !beingPaid.has(row.id));
    return overdue.length === 0 ? [] : this.em.find(Order, { id: { $in: overdue.map((row) => row.id) } }, { refresh: true });
  }
}
