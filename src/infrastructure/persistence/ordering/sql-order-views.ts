import { Injectable } from '@nestjs/common';
import { type OrderQuery, type OrderView, OrderViews } from '../../../application/ordering/order-views';
import { type Page, pageOf } from '../../../application/shared/page';
import type { CancellationReason } from '../../../domain/ordering/order-events';
import type { OrderLine } from '../../../domain/ordering/order-line';
import type { OrderStatus } from '../../../domain/ordering/order-status';
import { ReadQueries } from '../read-queries';
import { utcInstant } from '../utc-instant';

interface OrderRow {
  id: string;
  customer_id: string;
  status: OrderStatus;
  lines: OrderLine[] | string;
  currency: string;
  total_amount: string | number;
  created_at: string;
  updated_at: string;
  payment_due_at: string;
  paid_at: string | null;
  fulfilled_at: string | null;
  cancelled_at: string | null;
  cancellation_reason: CancellationReason | null;
}

const moments = ['created_at', 'updated_at', 'payment_due_at', 'paid_at', 'fulfilled_at', 'cancelled_at'].map(utcInstant);
const columns = ['id', 'customer_id', 'status', 'lines', 'currency', 'total_amount', ...moments, 'cancellation_reason'].join(', ');

/** One query on a read replica when there is one, mapped straight to views: no aggregate, no identity map. */
@Injectable()
export class SqlOrderViews extends OrderViews {
  constructor(private readonly queries: ReadQueries) {
    super();
  }

  async list(query: OrderQuery): Promise<Page<OrderView>> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    for (const [column, value] of [['customer_id =', query.customerId], ['status =', query.status], ['id <', query.after]] as const) {
      if (value === undefined) continue;
      conditions.push(`${column} ?`);
      params.push(value);
    }
    const where = conditions.length > 0 ? `where ${conditions.join(' and ')}` : '';
    const rows = await this.queries.rows<OrderRow>(`select ${columns} from orders ${where} order by id desc limit ?`, [...params, query.limit + 1], 'read');
    return pageOf(rows.map(toView), query.limit, (order) => order.id);
  }
}

const toView = (row: OrderRow): OrderView => ({
  id: row.id,
  customerId: row.customer_id,
  status: row.status,
  lines: typeof row.lines === 'string' ? (JSON.parse(row.lines) as OrderLine[]) : row.lines,
  currency: row.currency,
  totalAmount: Number(row.total_amount),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  paymentDueAt: row.payment_due_at,
  paidAt: row.paid_at,
  fulfilledAt: row.fulfilled_at,
  cancelledAt: row.cancelled_at,
  cancellationReason: row.cancellation_reason,
});
