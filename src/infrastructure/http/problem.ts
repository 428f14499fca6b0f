/** RFC 9457 problem details, as every error leaves this API. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  traceId: string;
  errors?: FieldError[];
}

export interface FieldError {
  field: string;
  message: string;
}

/** Problem types are documented URIs under one base; `about:blank` is kept for plain HTTP statuses. */
export const PROBLEM_TYPE_BASE = 'https://commerce-backend.dev/problems/';

export const problemType = (code: string) => `${PROBLEM_TYPE_BASE}${code}`;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The longest `instance` a problem carries (the document's bound): an over-long address is cut, not echoed whole. */
const INSTANCE_MAX_LENGTH = 2048;

const percentEncoded = (character: string) =>
  [...Buffer.from(character)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');

/**
 * A problem's `instance`: the path the client asked for, as a valid URI reference whatever it sent (a stray `%`,
 * bytes outside URI characters, a path that looks like an authority, an address longer than the bound).
 */
export function problemInstance(url: string): string {
  const path = url
    .split(/[?#]/)[0]
    .replace(/^\/{2,}/, '/')
    .replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/gu, percentEncoded);
  return path.length > INSTANCE_MAX_LENGTH ? path.slice(0, INSTANCE_MAX_LENGTH).replace(/%[0-9A-Fa-f]?$/, '') : path;
}
