import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { IdempotencyInterceptor } from '../../infrastructure/http/idempotency/idempotency.interceptor';
import { IDEMPOTENT_ROUTE } from '../../infrastructure/http/idempotency/record-idempotent-response';
import { ApiProblems } from './api-problems.decorator';
import { RouteFlag } from './route-flag.decorator';

/**
 * Opts a mutating route into idempotent retries: an Idempotency-Key header is required, and the first completed
 * response for a key is replayed for 24 hours.
 */
export const Idempotent = (): MethodDecorator =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    RouteFlag(IDEMPOTENT_ROUTE),
    ApiHeader({
      name: 'Idempotency-Key',
      required: true,
      description: 'Unique per intended operation (e.g. a UUID); reuse it only to retry the same request.',
      schema: { type: 'string', pattern: '^[\\x21-\\x7e]+$', minLength: 1, maxLength: 255, example: '3f1e2d4c-5b6a-4789-9abc-def012345678' },
    }),
    ApiProblems(400, 409, 422),
  );
