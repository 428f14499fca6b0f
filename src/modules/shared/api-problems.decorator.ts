import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDto } from './problem.dto';

const meaning: Record<number, string> = {
  400: 'The request is invalid (body, query or path).',
  401: 'Not authenticated: the bearer token is missing, invalid, expired or its session has ended.',
  402: 'The payment was declined.',
  403: 'Authenticated, but the role does not allow it.',
  404: 'Absent, or not yours.',
  409: 'Conflicts with the current state.',
  412: 'The resource changed since the representation If-Match names: read it again.',
  413: 'The body is larger than 1 MiB.',
  415: 'The body is not application/json.',
  422: 'Well formed, but refers to something that cannot be used.',
  429: 'Too many requests; see Retry-After.',
  502: 'The payment gateway failed; no money moved; retry.',
  503: 'A dependency (the database) is unavailable; retry later.',
  504: 'The payment gateway did not answer in time; the transaction named stays pending until reconciliation settles it; do not retry.',
};

/** Declares the problem responses an operation can give, each with the shared Problem schema. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: meaning[status] ?? 'Error',
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}
