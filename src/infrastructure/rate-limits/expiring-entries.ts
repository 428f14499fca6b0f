/** Past this many entries, the ones that have ended are swept, at most once a second. */
const SWEEP_ABOVE = 10_000;
const SWEEP_EVERY_MS = 1_000;

/** Entries of a process's memory that end at their `until` (ms since the epoch), bounded by sweeping ended ones. */
export class ExpiringEntries<V extends { until: number }> {
  private readonly entries = new Map<string, V>();
  private sweptAt = 0;

  get size(): number {
    return this.entries.size;
  }

  set(key: string, value: V, now: number): void {
    if (this.entries.size >= SWEEP_ABOVE && now - this.sweptAt >= SWEEP_EVERY_MS) {
      this.sweptAt = now;
      for (const [other, entry] of this.entries) if (entry.until <= now) this.entries.delete(other);
    }
    this.entries.set(key, value);
  }

  /** The entry under `key` unless it has ended (an ended one is forgotten). */
  current(key: string, now: number): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined || entry.until > now) return entry;
    this.entries.delete(key);
    return undefined;
  }
}
