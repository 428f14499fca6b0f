import type { FailureStreakBounds, WebhookEndpoint } from '../../domain/webhooks/webhook-endpoint';
import type { Page, PageRequest } from '../shared/page';

/** The registered endpoints. Their secrets go in and come out sealed (SecretSealer); nothing here opens them. */
export abstract class WebhookEndpoints {
  abstract nextId(): string;
  abstract add(endpoint: WebhookEndpoint): Promise<void>;
  abstract byId(id: string): Promise<WebhookEndpoint | undefined>;
  /** Read under the row's lock until the unit of work ends: to change it and `save` it, racing nothing. */
  abstract byIdForUpdate(id: string): Promise<WebhookEndpoint | undefined>;
  /** Newest first. */
  abstract page(request: PageRequest): Promise<Page<WebhookEndpoint>>;
  /** Writes every field: only an endpoint read by `byIdForUpdate` in the same unit of work may be saved. */
  abstract save(endpoint: WebhookEndpoint): Promise<void>;
  /** Removes the endpoint and its deliveries; false when there was none. */
  abstract remove(id: string): Promise<boolean>;

  /** An attempt succeeded: the endpoint's failure streak, if any, ends. */
  abstract markHealthy(id: string): Promise<void>;
  /**
   * An attempt failed at `at`: a failure streak starts unless one is under way (`streak`: whether it lapsed, and when
   * it must have started to disable the endpoint); an endpoint so disabled is given `reason`.
   */
  abstract markFailing(id: string, at: Date, streak: FailureStreakBounds, reason: string): Promise<void>;
  /** Disabled at once (a 410 from the receiver), saying why. */
  abstract disable(id: string, reason: string): Promise<void>;
}
