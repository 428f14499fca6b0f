/** The webhook rules from configuration. */
export abstract class WebhookSettings {
  /** Plain http URLs may be registered (outside production, or WEBHOOK_ALLOW_HTTP=true). */
  abstract readonly allowHttp: boolean;
  /** Seconds to wait after each failed attempt (WEBHOOK_RETRY_SCHEDULE). */
  abstract readonly retryDelaysSeconds: readonly number[];
  /** How long one attempt may take, connection and answer included. */
  abstract readonly timeoutMs: number;
}
