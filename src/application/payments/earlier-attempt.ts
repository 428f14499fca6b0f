import { PaymentOutcomeUnknown } from '../../domain/payments/payments.errors';
import type { Transaction } from '../../domain/payments/transaction';
import { IdempotencyKeyReused, REQUEST_KEY_HOURS } from '../../domain/shared/request-key';
import type { TransactionRepository } from './transaction.repository';

/**
 * The transaction an earlier attempt of this request started and that did not fail, found by the request key of
 * `candidate`, the transaction this attempt would start. The HTTP layer replays a stored response, but it has none
 * after a server error (released so the client may retry) or for a claim taken over after its process died, and
 * the retry then ran again: a second refund, or a 409 for a payment that had gone through. One found for another
 * movement is another request under the same key (422).
 */
export async function earlierAttempt(transactions: TransactionRepository, candidate: Transaction): Promise<Transaction | null> {
  const since = new Date(candidate.createdAt.getTime() - REQUEST_KEY_HOURS * 3_600_000);
  const earlier = await transactions.startedBy(candidate.requestKey!, since);
  if (earlier && !earlier.isSameRequestAs(candidate)) throw new IdempotencyKeyReused();
  return earlier;
}

/**
 * A retry's answer about the transaction its first attempt started: the transaction, or while the processor's
 * answer is not recorded the 504 a timeout gets. The processor is not called again: only reconciliation asks it
 * about a pending transaction, so that a late second call cannot move money after reconciliation settled the
 * transaction as never received.
 */
export function answerToRetry(earlier: Transaction): Transaction {
  if (earlier.isPending) throw new PaymentOutcomeUnknown(earlier.id);
  return earlier;
}
