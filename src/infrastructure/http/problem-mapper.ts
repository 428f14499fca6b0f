import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';
import { DomainError, type DomainErrorKind } from '../../domain/shared/domain-error';
import { isDatabaseUnavailable } from './database-unavailable';
import { MAX_PARAM_LENGTH } from './http-limits';
import { problemType, type Problem } from './problem';
import { RequestValidationError } from './request-validation.error';
import { CHARSET_REFUSED, CONTENT_ENCODING_REFUSED } from './screen-request-input';

/** The one table from a domain error's kind to its HTTP status. */
const statusOfKind: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  payment_declined: 402,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  unprocessable: 422,
  throttled: 429,
  gateway_failed: 502,
  gateway_timeout: 504,
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

/** Nest's HttpException, Fastify's own errors (body too large, unsupported media type, malformed JSON) or Node's. */
function httpStatusOf(error: unknown): number | undefined {
  if (error instanceof HttpException) return error.getStatus();
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : undefined;
}

/** The code of a Fastify or Node error; Nest wraps Fastify's 4xx errors in an HttpException caused by them. */
function codeOf(error: unknown): string | undefined {
  const { code, cause } = error as { code?: unknown; cause?: { code?: unknown } };
  const found = code ?? cause?.code;
  return typeof found === 'string' ? found : undefined;
}

const detailOfCode: Record<string, string> = {
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The body must not be empty when Content-Type is application/json.',
  FST_ERR_CTP_INVALID_JSON_BODY: 'The body is not valid JSON.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The body is not as long as Content-Length says.',
  FST_ERR_BAD_URL: 'The path is not validly percent-encoded.',
  [CONTENT_ENCODING_REFUSED]: 'Bodies must be sent uncompressed (Content-Encoding: identity, or none).',
  [CHARSET_REFUSED]: 'JSON bodies must be UTF-8 (charset=utf-8, or none).',
};

const detailOfStatus: Record<number, string> = {
  404: 'No resource exists at this address.',
  408: 'The request did not arrive in time.',
  413: 'The body is larger than the 1 MiB limit.',
  414: `A path parameter is longer than ${MAX_PARAM_LENGTH} characters.`,
  415: 'Bodies must be sent as application/json.',
  429: 'Too many requests; retry after the number of seconds in Retry-After.',
  431: 'The request line and headers are larger than the server accepts.',
};

/**
 * Library messages can name internals; only the messages of Nest's own exceptions (a pipe's, a guard's), written
 * for clients, are passed through. Fastify's and Node's errors get a detail of ours.
 */
function clientDetail(error: unknown, status: number): string {
  const code = codeOf(error);
  if (code !== undefined && Object.hasOwn(detailOfCode, code)) return detailOfCode[code];
  if (error instanceof SyntaxError) return detailOfCode.FST_ERR_CTP_INVALID_JSON_BODY;
  if (status in detailOfStatus) return detailOfStatus[status];
  if (error instanceof HttpException && code === undefined && typeof error.message === 'string') return error.message;
  return status === 400 ? 'The request is invalid.' : titleOf(status);
}
