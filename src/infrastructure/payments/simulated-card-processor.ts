import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { type ChargeOutcome, GatewayUnavailable, PaymentGateway } from '../../application/payments/payment-gateway';

/** The test payment methods, as a card processor's sandbox names them. */
export const TEST_PAYMENT_METHODS = {
  pm_card_visa: 'succeeds',
  pm_card_mastercard: 'succeeds',
  pm_card_chargeDeclined: 'card_declined',
  pm_card_insufficientFunds: 'insufficient_funds',
  pm_card_processingError: 'processing_error',
} as const;

export type TestPaymentMethod = keyof typeof TEST_PAYMENT_METHODS;

/** How long the processor takes to answer; configurable so timeouts and retries can be exercised. */
export abstract class GatewayLatency {
  abstract readonly milliseconds: number;
}

/**
 * A simulated card processor: the default adapter of the payment gateway port. It keeps what it did per
 * reference, so a repeated call with the same reference answers the same and never charges twice, like a real
 * processor's idempotency keys. Its memory is this process's: a stand-in, not a ledger.
 */
@Injectable()
export class SimulatedCardProcessor extends PaymentGateway {
  private readonly processed = new Map<string, ChargeOutcome>();

  constructor(private readonly latency: GatewayLatency) {
    super();
  }

  async charge(request: { reference: string; paymentMethod: string }): Promise<ChargeOutcome> {
    await this.respondAfterLatency();
    const known = this.processed.get(request.reference);
    if (known) return known;
    const behaviour = TEST_PAYMENT_METHODS[request.paymentMethod as TestPaymentMethod] ?? 'card_declined';
    if (behaviour === 'processing_error') throw new GatewayUnavailable();
    const outcome: ChargeOutcome =
      behaviour === 'succeeds' ? { status: 'succeeded', gatewayReference: `ch_${randomUUID()}` } : { status: 'declined', failureCode: behaviour };
    this.processed.set(request.reference, outcome);
    return outcome;
  }

  async refund(request: { reference: string; chargeReference: string }): Promise<ChargeOutcome> {
    await this.respondAfterLatency();
    const known = this.processed.get(request.reference);
    if (known) return known;
    const outcome: ChargeOutcome = { status: 'succeeded', gatewayReference: `re_${randomUUID()}` };
    this.processed.set(request.reference, outcome);
    return outcome;
  }

  async find(reference: string): Promise<ChargeOutcome | null> {
    return this.processed.get(reference) ?? null;
  }

  private async respondAfterLatency(): Promise<void> {
    if (this.latency.milliseconds > 0) await sleep(this.latency.milliseconds);
  }
}
