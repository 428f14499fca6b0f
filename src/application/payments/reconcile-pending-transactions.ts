import { Injectable } from '@nestjs/common';
import { Clock } from '../shared/clock';
import { leaseMsFor, neverStopping, type Stopping, stoppingOrRunOver } from '../shared/leased-attempts';
import { answerWithin, NO_ANSWER, noAnswerWithin } from '../shared/within-deadline';
import { type ChargeOutcome, PaymentGateway } from './payment-gateway';
import { PaymentSettlement } from './payment-settlement';
import { ReconciliationPolicy } from './reconciliation-policy';
import { TransactionRepository } from './transaction.repository';

/** A stale transaction the processor could not be asked about: claimed, so asked again once the claim runs out. */
export interface UnansweredLookup {
  readonly transactionId: string;
  readonly error: string;
}

/** The processor's answer about a transaction (null: it never received it), or why it gave none. */
type Lookup = { readonly outcome: ChargeOutcome | null } | { readonly error: string };

export interface ReconciliationReport {
  readonly settled: number;
  readonly unanswered: readonly UnansweredLookup[];
}

/**
 * Settles transactions left pending by a crash between recording and completing a payment or refund: the
 * processor is asked what it did with our reference. One it never received failed, so nothing was charged.
 * Each transaction is claimed just before its lookup (`claimStale`), for longer than the lookup may take: other
 * instances ask about other transactions meanwhile, and one the processor cannot answer for (its lookup failed, or
 * gave no answer by the deadline a payment's call has) waits for its claim to run out instead of coming first
 * again, ahead of every later one. Settling is safe however often it is tried: it re-reads the transaction under
 * its order's lock.
 */
@Injectable()
export class ReconcilePendingTransactions {
  constructor(
    private readonly transactions: TransactionRepository,
    private readonly gateway: PaymentGateway,
    private readonly settlement: PaymentSettlement,
    private readonly policy: ReconciliationPolicy,
    private readonly clock: Clock,
  ) {}

  async execute(stopping: Stopping = neverStopping): Promise<ReconciliationReport> {
    const runStopping = stoppingOrRunOver(stopping, this.clock);
    const unanswered: UnansweredLookup[] = [];
    let settled = 0;
    while (!runStopping()) {
      const now = this.clock.now().getTime();
      const cutoff = new Date(now - this.policy.graceSeconds * 1000);
      const transactionId = await this.transactions.claimStale(cutoff, new Date(now), new Date(now + leaseMsFor(this.policy.callDeadlineMs)));
      if (transactionId === undefined) break;
      const lookup = await this.lookUp(transactionId);
      if ('error' in lookup) {
        unanswered.push({ transactionId, error: lookup.error });
        continue;
      }
      await this.settlement.settle(transactionId, lookup.outcome ?? { status: 'declined', failureCode: 'not_received' });
      settled += 1;
    }
    return { settled, unanswered };
  }

  private async lookUp(transactionId: string): Promise<Lookup> {
    try {
      const outcome = await answerWithin((signal) => this.gateway.find(transactionId, signal), this.policy.callDeadlineMs);
      return outcome === NO_ANSWER ? { error: noAnswerWithin(this.policy.callDeadlineMs) } : { outcome };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }
}
