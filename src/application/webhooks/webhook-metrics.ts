export type AttemptOutcome = 'delivered' | 'retrying' | 'failed' | 'gone';

/** What operators watch: attempts by outcome, how long they take, how far behind the delivery job is. */
export abstract class WebhookMetrics {
  abstract attempted(outcome: AttemptOutcome, seconds: number): void;
  abstract backlogAge(seconds: number): void;
}
