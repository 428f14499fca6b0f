import { Injectable } from '@nestjs/common';
import { type OrderQuery, type OrderView, OrderViews } from '../../../application/ordering/order-views';
import { type Page, pageOf } from '../../../application/shared/page';
import type { CancellationReason } from '../../../domain/ordering/order-events';
import type { OrderLine } from '../../../domain/ordering/order-line';
import type { OrderStatus } from '../../../domain/ordering/order-status';
import { ReadQueries } from '../read-queries';

type Timestamp = string | Date;

interface OrderRow {
  id: string;
  customer_id: string;
  status: OrderStatus;
  lines: OrderLine[] | string;
  currency: string;
  total_amount: string | number;
  created_at: Timestamp;
  updated_at: Timestamp;
  payment_due_at: Timestamp;
  paid_at: Timestamp | null;
  fulfilled_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  cancellation_reason: CancellationReason | null;
}

const columns =
  'id, customer_id, status, lines, currency, total_amount, created_at, updated_at, payment_due_at, paid_at, fulfilled_at, cancelled_at, cancellation_reason';

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

const dateOrNull = (value: Timestamp | null) => (value === null ? null : new Date(value));

const toView = (row: OrderRow): OrderView => ({
  id: row.id,
  customerId: row.customer_id,
  status: row.status,
  lines: typeof row.lines === 'string' ? (JSON.parse(row.lines) as OrderLine[]) : row.lines,
  currency: row.currency,
  totalAmount: Number(row.total_amount),
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
  paymentDueAt: new Date(row.payment_due_at),
  paidAt: dateOrNull(row.paid_at),
  fulfilledAt: dateOrNull(row.fulfilled_at),
  cancelledAt: dateOrNull(row.cancelled_at),
  cancellationReason: row.cancellation_reason,
});
