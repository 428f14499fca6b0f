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
