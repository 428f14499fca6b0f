import type { Transaction, TransactionStatus, TransactionType } from '../../domain/payments/transaction';
import type { Page, PageRequest } from '../shared/page';

export interface TransactionQuery extends PageRequest {
  readonly customerId?: string;
  readonly orderId?: string;
  readonly type?: TransactionType;
  readonly status?: TransactionStatus;
}

export interface RefundTotals {
  /** Refunds that succeeded or may still succeed. */
  readonly notFailed: number;
  readonly succeeded: number;
}

export abstract class TransactionRepository {
  abstract nextId(): string;
  abstract byId(id: string): Promise<Transaction | null>;
  abstract byIdForUpdate(id: string): Promise<Transaction | null>;
  /**
   * Inserts a pending transaction. Throws PaymentInProgress when the order already has a pending payment and
   * RefundExceedsPaidAmount when the database's own guard finds refunds beyond the payment.
   */
  abstract add(transaction: Transaction): Promise<void>;
  abstract save(transaction: Transaction): Promise<void>;
  abstract succeededPayment(orderId: string): Promise<Transaction | null>;
  /** The newest transaction started since `since` by the request with this key that did not fail. */
  abstract startedBy(requestKey: string, since: Date): Promise<Transaction | null>;
  abstract refundTotals(orderId: string): Promise<RefundTotals>;
  /** Newest first. */
  abstract list(query: TransactionQuery): Promise<Page<Transaction>>;
  /**
   * Claims a pending transaction created before `cutoff` that no claim holds at `now`, until `claimUntil`, in a
   * statement that commits at once (SKIP LOCKED: instances claim different ones): one never claimed first, oldest
   * first, then the one whose claim ran out longest ago, so that those the processor cannot answer for come last.
   * Its id; undefined when none is left.
   */
  abstract claimStale(cutoff: Date, now: Date, claimUntil: Date): Promise<string | undefined>;
}
