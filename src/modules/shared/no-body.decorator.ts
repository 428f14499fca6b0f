import { applyDecorators } from '@nestjs/common';
import { TAKES_NO_BODY } from '../../infrastructure/http/screen-request-input';
import { ApiProblems } from './api-problems.decorator';
import { RouteFlag } from './route-flag.decorator';

/**
 * An operation that takes no body (a cancel, a logout): a body sent anyway is a 400, as an unknown property is,
 * rather than silently accepted. Fastify still reads what is sent, so 413 and 415 are this operation's too.
 * test/security/mass-assignment.e2e-spec.ts walks the document: every write without a request body must carry it.
 */
export const NoBody = (): MethodDecorator => applyDecorators(RouteFlag(TAKES_NO_BODY), ApiProblems(400, 413, 415));
