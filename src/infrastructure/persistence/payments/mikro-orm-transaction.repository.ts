import { CheckConstraintViolationException, LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { type RefundTotals, TransactionRepository, type TransactionQuery } from '../../../application/payments/transaction.repository';
import { type Page, pageOf } from '../../../application/shared/page';
import { PaymentInProgress, RefundExceedsPaidAmount } from '../../../domain/payments/payments.errors';
import { Transaction } from '../../../domain/payments/transaction';

@Injectable()
export class MikroOrmTransactionRepository extends TransactionRepository {
  constructor(private readonly em: SqlEntityManager) {
    super();
  }

  nextId(): string {
    return uuidv7();
  }

  byId(id: string): Promise<Transaction | null> {
    return this.em.findOne(Transaction, { id });
  }

  byIdForUpdate(id: string): Promise<Transaction | null> {
    return this.em.findOne(Transaction, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  }

  async add(transaction: Transaction): Promise<void> {
    try {
      await this.em.persist(transaction).flush();
    } catch (error) {
      // The database's own guards: one pending payment per order, refunds within the payment.
      if (error instanceof UniqueConstraintViolationException) throw new PaymentInProgress(transaction.orderId);
      if (error instanceof CheckConstraintViolationException) throw new RefundExceedsPaidAmount();
      throw error;
    }
  }

  async save(transaction: Transaction): Promise<void> {
    await this.em.persist(transaction).flush();
  }

  succeededPayment(orderId: string): Promise<Transaction | null> {
    return this.em.findOne(Transaction, { orderId, type: 'payment', status: 'succeeded' });
  }

  startedBy(requestKey: string, since: Date): Promise<Transaction | null> {
    return this.em.findOne(Transaction, { requestKey, status: { $ne: 'failed' }, createdAt: { $gte: since } }, { orderBy: { createdAt: 'desc' } });
  }

  async refundTotals(orderId: string): Promise<RefundTotals> {
    const [row] = await this.em.execute<Array<{ not_failed: string | number; succeeded: string | number }>>(
      `select coalesce(sum(amount) filter (where status <> 'failed'), 0) as not_failed,
              coalesce(sum(amount) filter (where status = 'succeeded'), 0) as succeeded
         from transactions where order_id = ? and type = 'refund'`,
      [orderId],
    );
    return { notFailed: Number(row.not_failed), succeeded: Number(row.succeeded) };
  }

  async list(query: TransactionQuery): Promise<Page<Transaction>> {
    const { customerId, orderId, type, status, after, limit } = query;
    const rows = await this.em.find(
      Transaction,
      { customerId, orderId, type, status, ...(after ? { id: { $lt: after } } : {}) },
      { orderBy: { id: 'desc' }, limit: limit + 1, connectionType: 'read' },
    );
    return pageOf(rows, limit, (transaction) => transaction.id);
  }

  async claimStale(cutoff: Date, now: Date, claimUntil: Date): Promise<string | undefined> {
    const [claimed] = await this.em.execute<Array<{ id: string }>>(
      `update transactions set reconcile_claimed_until = ?
        where id = (select id from transactions
                     where status = 'pending' and created_at < ? and (reconcile_claimed_until is null or reconcile_claimed_until <= ?)
                     order by reconcile_claimed_until nulls first, created_at limit 1 for update skip locked)
        returning id`,
      [claimUntil, cutoff, now],
    );
    return claimed?.id;
  }
}
