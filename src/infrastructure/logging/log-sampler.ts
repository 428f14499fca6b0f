/** How often the lines of one key are logged at most. */
const WINDOW_MS = 1_000;

/**
 * One access-log line a second per key, with the number of requests since its last line that went unlogged: for
 * refusals past a rate limit (429, keyed by route) and requests that matched no route (a scan). A flood would
 * otherwise write a line per request (about 12 of the 70 µs a refusal cost) and fill the log, however many
 * addresses it comes from. Metrics still count every request. Keyed by route or method, so what it remembers is
 * bounded by the routes there are.
 */
export class LogSampler {
  private readonly keys = new Map<string, { loggedAt: number; unlogged: number }>();

  /** Whether to log this request of `key`, and how many of it went unlogged before it. */
  sample(key: string, now: number): { log: boolean; unlogged: number } {
    const seen = this.keys.get(key);
    if (seen && now - seen.loggedAt < WINDOW_MS) {
      seen.unlogged += 1;
      return { log: false, unlogged: seen.unlogged };
    }
    this.keys.set(key, { loggedAt: now, unlogged: 0 });
    return { log: true, unlogged: seen?.unlogged ?? 0 };
  }
}
