import { defineEntity } from '@mikro-orm/core';
import { Transaction } from '../../../domain/payments/transaction';

export const TransactionSchema = defineEntity({
  class: Transaction,
  tableName: 'transactions',
  properties: (p) => ({
    id: p.uuid().primary(),
    orderId: p.uuid(),
    customerId: p.uuid(),
    type: p.string().length(16),
    status: p.string().length(16),
    amount: p.bigint('number'),
    currency: p.string().length(3),
    paymentMethod: p.string().length(64),
    gatewayReference: p.string().length(128).nullable(),
    failureCode: p.string().length(64).nullable(),
    reason: p.string().length(500).nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    settledAt: p.datetime().nullable(),
    requestKey: p.string().length(300).nullable(),
  }),
});
