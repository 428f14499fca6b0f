import { DomainError } from '../../../domain/shared/domain-error';

export class IdempotencyKeyMissing extends DomainError {
  readonly code = 'idempotency-key-missing';
  readonly kind = 'invalid';
  constructor() {
    super('This operation requires an Idempotency-Key header of 1 to 255 printable characters.');
  }
}

export class IdempotentRequestInFlight extends DomainError {
  readonly code = 'idempotent-request-in-flight';
  readonly kind = 'conflict';
  constructor() {
    super('A request with this Idempotency-Key is still being processed; retry after it completes.');
  }
}
