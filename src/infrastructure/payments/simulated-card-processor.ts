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
 * processor's idempotency keys. Like a processor, it charges when a call arrives and answers after its latency, so
 * `find` knows a charge whose answer is still on its way. Its memory is this process's: a stand-in, not a ledger.
 */
@Injectable()
export class SimulatedCardProcessor extends PaymentGateway {
  private readonly processed = new Map<string, ChargeOutcome>();

  constructor(private readonly latency: GatewayLatency) {
    super();
  }

  async charge(request: { reference: string; paymentMethod: string }, signal?: AbortSignal): Promise<ChargeOutcome> {
    const outcome = this.processed.get(request.reference) ?? this.receiveCharge(request);
    await this.respondAfterLatency(signal);
    if (!outcome) throw new GatewayUnavailable();
    return outcome;
  }

  async refund(request: { reference: string; chargeReference: string }, signal?: AbortSignal): Promise<ChargeOutcome> {
    const outcome = this.processed.get(request.reference) ?? this.record(request.reference, { status: 'succeeded', gatewayReference: `re_${randomUUID()}` });
    await this.respondAfterLatency(signal);
    return outcome;
  }

  async find(reference: string): Promise<ChargeOutcome | null> {
    return this.processed.get(reference) ?? null;
  }

  /** What the test payment method does on arrival; undefined (nothing recorded, nothing charged) for a processing error. */
  private receiveCharge(request: { reference: string; paymentMethod: string }): ChargeOutcome | undefined {
    // Own names only: `constructor` or `__proto__` would find Object.prototype's and decline with a function for a code.
    const method = request.paymentMethod as TestPaymentMethod;
    const behaviour = Object.hasOwn(TEST_PAYMENT_METHODS, method) ? TEST_PAYMENT_METHODS[method] : 'card_declined';
    if (behaviour === 'processing_error') return undefined;
    return this.record(
      request.reference,
      behaviour === 'succeeds' ? { status: 'succeeded', gatewayReference: `ch_${randomUUID()}` } : { status: 'declined', failureCode: behaviour },
    );
  }

  private record(reference: string, outcome: ChargeOutcome): ChargeOutcome {
    this.processed.set(reference, outcome);
    return outcome;
  }

  /** The answer's way back; an abandoned call stops waiting for it (what was received stays recorded). */
  private async respondAfterLatency(signal?: AbortSignal): Promise<void> {
    if (this.latency.milliseconds > 0) await sleep(this.latency.milliseconds, undefined, { signal });
  }
}
