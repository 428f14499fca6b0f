import type { DomainEvent } from './domain-event';

/**
 * An aggregate that records domain events as it changes; the use case pulls them once and hands them to the
 * event publisher in the same unit of work. The list is not mapped, and is created lazily because the ORM
 * builds instances without running field initialisers.
 */
export abstract class AggregateRoot<E extends DomainEvent> {
  private pendingEvents?: E[];

  /** Hands over the events recorded since the last call, once. */
  pullEvents(): E[] {
    const events = this.pendingEvents ?? [];
    this.pendingEvents = [];
    return events;
  }

  protected record(event: E): void {
    (this.pendingEvents ??= []).push(event);
  }
}
