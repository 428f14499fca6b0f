import { DomainError } from '../../domain/shared/domain-error';

export class ParkedEventNotFound extends DomainError {
  readonly code = 'parked-event-not-found';
  readonly kind = 'not_found';

  constructor(id: string) {
    super(`No event is parked by the id ${id}.`);
  }
}

/** The consumer failed at the event again: it stays parked, with the new error in its `lastError`. */
export class ReplayFailed extends DomainError {
  readonly code = 'replay-failed';
  readonly kind = 'conflict';

  constructor(id: string, consumer: string) {
    super(`${consumer} failed at the event again; it stays parked, and the parked event ${id} shows the error.`);
  }
}

/** The consumer the event was parked for is no longer subscribed (renamed or removed). */
export class ConsumerGone extends DomainError {
  readonly code = 'consumer-gone';
  readonly kind = 'conflict';

  constructor(consumer: string) {
    super(`No consumer named ${consumer} is subscribed any more; the parked event cannot be replayed.`);
  }
}
