import { Injectable } from '@nestjs/common';
import { TransactionNotFound } from '../../domain/payments/payments.errors';
import type { Transaction } from '../../domain/payments/transaction';
import { type Actor, isAdmin } from '../shared/actor';
import { TransactionRepository } from './transaction.repository';

@Injectable()
export class GetTransaction {
  constructor(private readonly transactions: TransactionRepository) {}

  async execute(actor: Actor, id: string): Promise<Transaction> {
    const transaction = await this.transactions.byId(id);
    if (!transaction || !(isAdmin(actor) || transaction.customerId === actor.userId)) throw new TransactionNotFound(id);
    return transaction;
  }
}
