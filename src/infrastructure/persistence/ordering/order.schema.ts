import { defineEntity } from '@mikro-orm/core';
import type { OrderLine } from '../../../domain/ordering/order-line';
import { Order } from '../../../domain/ordering/order';

/** Lines are an immutable snapshot written once with the order, so they live in the order's row as JSON. */
export const OrderSchema = defineEntity({
  class: Order,
  tableName: 'orders',
  properties: (p) => ({
    id: p.uuid().primary(),
    customerId: p.uuid(),
    status: p.string().length(24),
    lines: p.json<OrderLine[]>(),
    currency: p.string().length(3),
    totalAmount: p.bigint('number'),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    paymentDueAt: p.datetime(),
    paidAt: p.datetime().nullable(),
    fulfilledAt: p.datetime().nullable(),
    cancelledAt: p.datetime().nullable(),
    cancellationReason: p.string().length(24).nullable(),
    refundedAt: p.datetime().nullable(),
    version: p.integer().version(),
  }),
});
