import type { Page } from '../../application/shared/page';
import { RequestValidationError } from '../../infrastructure/http/request-validation.error';

/**
 * The longest cursor a list issues: the product list's key, `[name, id]` in JSON, with a name of 200 code points of
 * up to 4 bytes of UTF-8 each (or 2 for `"` and `\`, which JSON escapes; a name holds no control character, which
 * it would write as 6), 843 bytes in base64url: 1,124 characters. Lists take what they issue, with room to spare.
 */
export const CURSOR_MAX_LENGTH = 2048;

/** Cursors are opaque to clients: base64url of the last sort key, validated on the way back in. */
export function encodeCursor(key: string | null): string | null {
  return key === null ? null : Buffer.from(key, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined, isValidKey: (key: string) => boolean): string | undefined {
  if (cursor === undefined) return undefined;
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!isValidKey(key)) throw new RequestValidationError([{ field: 'cursor', message: 'cursor is not one this API issued' }]);
  return key;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const isUuid = (key: string) => uuid.test(key);

/** A page of the application as the API's `{ items, nextCursor }`. */
export function pageDto<T, D>(page: Page<T>, toDto: (item: T) => D): { items: D[]; nextCursor: string | null } {
  return { items: page.items.map(toDto), nextCursor: encodeCursor(page.next) };
}
