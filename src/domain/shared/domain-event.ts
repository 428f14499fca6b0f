/** Something that happened in the domain, named in the past tense, carrying what a listener needs. */
export interface DomainEvent {
  readonly type: string;
  readonly aggregateId: string;
  readonly occurredAt: Date;
}
