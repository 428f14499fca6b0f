/** Keyset pagination: `after` is the sort key of the last item already seen. */
export interface PageRequest {
  readonly limit: number;
  readonly after?: string;
}

export interface Page<T> {
  readonly items: T[];
  /** The sort key to continue after, or null on the last page. */
  readonly next: string | null;
}

/** Builds a page from `limit + 1` fetched rows: the extra row only proves that a next page exists. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (item: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit ? keyOf(items[items.length - 1]) : null };
}
