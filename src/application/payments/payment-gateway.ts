export type ChargeOutcome =
  | { readonly status: 'succeeded'; readonly gatewayReference: string }
  | { readonly status: 'declined'; readonly failureCode: string };

/** The processor could not be reached or failed; nothing was charged, and the call may be retried. */
export class GatewayUnavailable extends Error {
  constructor(message = 'The payment gateway failed to process the request.') {
    super(message);
    this.name = 'GatewayUnavailable';
  }
}

/**
 * The payment processor. Every call carries our transaction id as its idempotency reference, so a retried
 * call never charges twice, and `find` can tell afterwards what happened to a call whose answer was lost. A call
 * no longer awaited (past its deadline) is abandoned through `signal`: ending it stops the wait for an answer, not
 * what the processor may already be doing, which `find` tells later.
 */
export abstract class PaymentGateway {
  abstract charge(request: { reference: string; amount: number; currency: string; paymentMethod: string }, signal?: AbortSignal): Promise<ChargeOutcome>;
  abstract refund(request: { reference: string; chargeReference: string; amount: number; currency: string }, signal?: AbortSignal): Promise<ChargeOutcome>;
  /**
   * What the processor recorded for `reference`, or null if it never received it. A lookup no longer awaited is
   * aborted through `signal` (a read: ending it changes nothing at the processor).
   */
  abstract find(reference: string, signal?: AbortSignal): Promise<ChargeOutcome | null>;
}
