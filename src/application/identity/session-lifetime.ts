/** How long a session (its refresh-token family) lives; configuration, injected as its own token. */
export abstract class SessionLifetime {
  abstract readonly refreshTtlSeconds: number;
}
