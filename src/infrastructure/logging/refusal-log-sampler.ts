/** How often one client's refusals are logged at most. */
const WINDOW_MS = 1_000;
/** Past this many clients remembered, those whose window has passed are swept on the next refusal. */
const SWEEP_ABOVE = 10_000;

/**
 * One access-log line a second per client that is being refused (429), with the number of refusals since its
 * last line: a flood would otherwise write a line per refused request, the larger part of what refusing costs
 * (about 7 of 70 µs), and fill the log. Metrics still count every refusal.
 */
export class RefusalLogSampler {
  private readonly clients = new Map<string, { loggedAt: number; unlogged: number }>();

  /** Whether to log this refusal of `client`, and how many of its refusals went unlogged before it. */
  sample(client: string, now: number): { log: boolean; unlogged: number } {
    const seen = this.clients.get(client);
    if (seen && now - seen.loggedAt < WINDOW_MS) {
      seen.unlogged += 1;
      return { log: false, unlogged: seen.unlogged };
    }
    if (!seen && this.clients.size >= SWEEP_ABOVE) this.sweep(now);
    this.clients.set(client, { loggedAt: now, unlogged: 0 });
    return { log: true, unlogged: seen?.unlogged ?? 0 };
  }

  private sweep(now: number): void {
    for (const [client, seen] of this.clients) if (now - seen.loggedAt >= WINDOW_MS) this.clients.delete(client);
  }
}
