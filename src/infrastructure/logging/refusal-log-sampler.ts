/** How often the refusals of one route are logged at most. */
const WINDOW_MS = 1_000;

/**
 * One access-log line a second per route for refusals past a rate limit (429), with the number of refusals on
 * the route since its last line: a flood would otherwise write a line per refused request (about 12 of the 70
 * µs a refusal cost) and fill the log, however many addresses it comes from. Metrics still count every refusal.
 * Keyed by route, so what it remembers is bounded by the routes there are.
 */
export class RefusalLogSampler {
  private readonly routes = new Map<string, { loggedAt: number; unlogged: number }>();

  /** Whether to log this refusal on `route`, and how many refusals on it went unlogged before it. */
  sample(route: string, now: number): { log: boolean; unlogged: number } {
    const seen = this.routes.get(route);
    if (seen && now - seen.loggedAt < WINDOW_MS) {
      seen.unlogged += 1;
      return { log: false, unlogged: seen.unlogged };
    }
    this.routes.set(route, { loggedAt: now, unlogged: 0 });
    return { log: true, unlogged: seen?.unlogged ?? 0 };
  }
}
