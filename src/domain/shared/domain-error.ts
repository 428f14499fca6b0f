/**
 * What kind of "no" a domain error is. The HTTP layer maps each kind to one status code in one table,
 * so the domain never speaks HTTP and a new error needs no new mapping code.
 */
export type DomainErrorKind =
  | 'invalid' // the input breaks a rule of the model
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict' // the current state refuses it
  | 'precondition_failed' // a condition the request set (If-Match) does not hold
  | 'unprocessable' // well formed, but refers to something unusable
  | 'throttled'
  | 'payment_declined'
  | 'gateway_failed' // the processor failed: no money moved
  | 'gateway_timeout'; // the processor did not answer in time: the outcome is not known yet

export abstract class DomainError extends Error {
  /** Stable, kebab-case identifier; it becomes the problem `type` a client can switch on. */
  abstract readonly code: string;
  abstract readonly kind: DomainErrorKind;
  /** Extra members a client needs to act on the error (e.g. the failed transaction id). */
  readonly details: Readonly<Record<string, unknown>> = {};

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
