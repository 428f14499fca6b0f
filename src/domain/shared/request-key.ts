import { DomainError } from './domain-error';

/**
 * A request key is a caller's Idempotency-Key, scoped to the caller: for this long it names one request, whose
 * retries are answered with what it did instead of doing it again.
 */
export const REQUEST_KEY_HOURS = 24;

export class IdempotencyKeyReused extends DomainError {
  readonly code = 'idempotency-key-reused';
  readonly kind = 'unprocessable';
  constructor() {
    super('This Idempotency-Key was already used with a different request; use a new key for a new request.');
  }
}
