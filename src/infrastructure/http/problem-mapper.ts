import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';
import { DomainError, type DomainErrorKind } from '../../domain/shared/domain-error';
import { isDatabaseUnavailable } from './database-unavailable';
import { problemType, type Problem } from './problem';
import { RequestValidationError } from './request-validation.error';

/** The one table from a domain error's kind to its HTTP status. */
const statusOfKind: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  payment_declined: 402,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  throttled: 429,
  gateway_failed: 502,
};

export interface MappedProblem {
  /** The members of the document; extensions (e.g. `transactionId`) sit beside the standard ones. */
  problem: Omit<Problem, 'instance' | 'traceId'> & Record<string, unknown>;
  headers: Record<string, string>;
  /** Unexpected failures are logged with their stack; client errors are not errors of the server. */
  unexpected: boolean;
}

const titleOf = (status: number) => STATUS_CODES[status] ?? 'Error';

const titleFromCode = (code: string) => code.charAt(0).toUpperCase() + code.slice(1).replaceAll('-', ' ');

/** Turns anything thrown while serving a request into a problem document. */
export function mapToProblem(error: unknown): MappedProblem {
  if (error instanceof DomainError) {
    const status = statusOfKind[error.kind];
    const headers: Record<string, string> = {};
    if (typeof error.details.retryAfterSeconds === 'number') {
      headers['retry-after'] = String(error.details.retryAfterSeconds);
    }
    return {
      // Extensions first: they can never overwrite a standard member.
      problem: { ...error.details, type: problemType(error.code), title: titleFromCode(error.code), status, detail: error.message },
      headers,
      unexpected: false,
    };
  }
  if (error instanceof RequestValidationError) {
    return {
      problem: { type: problemType('validation-failed'), title: 'Validation failed', status: 400, detail: error.message, errors: error.errors },
      headers: {},
      unexpected: false,
    };
  }
  if (isDatabaseUnavailable(error) || httpStatusOf(error) === 503) {
    return {
      problem: { type: problemType('service-unavailable'), title: 'Service unavailable', status: 503, detail: 'A dependency is unavailable; retry later.' },
      headers: { 'retry-after': '5' },
      unexpected: false,
    };
  }
  const status = httpStatusOf(error);
  if (status !== undefined && status < 500) {
    return {
      problem: { type: 'about:blank', title: titleOf(status), status, detail: clientDetail(error, status) },
      headers: {},
      unexpected: false,
    };
  }
  return {
    problem: { type: 'about:blank', title: titleOf(500), status: 500, detail: 'An unexpected error occurred; quote the traceId when you report it.' },
    headers: {},
    unexpected: true,
  };
}

/** Nest's HttpException or Fastify's own errors (body too large, unsupported media type, malformed JSON). */
function httpStatusOf(error: unknown): number | undefined {
  if (error instanceof HttpException) return error.getStatus();
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : undefined;
}

/** Library messages can name internals; only a few well-understood ones are passed through. */
function clientDetail(error: unknown, status: number): string {
  const code = (error as { code?: unknown }).code;
  switch (status) {
    case 400:
      if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return 'The body must not be empty when Content-Type is application/json.';
      if (error instanceof SyntaxError || code === 'FST_ERR_CTP_INVALID_JSON_BODY') return 'The body is not valid JSON.';
      return error instanceof HttpException && typeof error.message === 'string' ? error.message : 'The request is invalid.';
    case 404:
      return 'No resource exists at this address.';
    case 413:
      return 'The body is larger than the 1 MiB limit.';
    case 415:
      return 'Bodies must be sent as application/json.';
    case 429:
      return 'Too many requests; retry after the number of seconds in Retry-After.';
    default:
      return error instanceof HttpException ? error.message : titleOf(status);
  }
}
