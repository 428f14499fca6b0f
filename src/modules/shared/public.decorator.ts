import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import { BEARER_SCHEME } from '../../infrastructure/http/openapi';
import { ApiProblems } from './api-problems.decorator';

export const IS_PUBLIC = 'isPublic';

/** How a route open to anonymous callers treats a bearer token sent anyway. */
export type Publicity = 'ignores-token' | 'reads-caller';

/**
 * Marks a route or controller as open to anonymous callers; everything else requires a bearer token. By default a
 * token sent anyway is not even read: logging in, refreshing (whose point is an access token that has run out),
 * registering or a probe must not fail on a stale token a client sends with every request. A route that answers
 * some callers more (admins see archived products) takes `'reads-caller'`: a sent token is verified, so a bad one is
 * a 401 there, and the document says anonymous (`{}`) or bearer.
 */
export const Public = (publicity: Publicity = 'ignores-token') =>
  applyDecorators(
    SetMetadata(IS_PUBLIC, publicity),
    ApiSecurity({}),
    ...(publicity === 'reads-caller' ? [ApiBearerAuth(BEARER_SCHEME), ApiProblems(401)] : []),
  );
