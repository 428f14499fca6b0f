import { Injectable } from '@nestjs/common';
import type { Transaction } from '../../domain/payments/transaction';
import { type Actor, isAdmin } from '../shared/actor';
import type { Page } from '../shared/page';
import { type TransactionQuery, TransactionRepository } from './transaction.repository';

/** A customer's own money movements, or everyone's for an admin; newest first. */
@Injectable()
export class ListTransactions {
  constructor(private readonly transactions: TransactionRepository) {}

  execute(actor: Actor, query: Omit<TransactionQuery, 'customerId'>): Promise<Page<Transaction>> {
    return this.transactions.list({ ...query, customerId: isAdmin(actor) ? undefined : actor.userId });
  }
}
