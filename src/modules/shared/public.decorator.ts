import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import { BEARER_SCHEME } from '../../infrastructure/http/openapi';
import { ApiProblems } from './api-problems.decorator';

export const IS_PUBLIC = 'isPublic';

/**
 * Marks a route or controller as open to anonymous callers; everything else requires a bearer token. A token
 * that is sent anyway is still verified (admins see more on some public routes), so a bad one is a 401 here too.
 * The document says so: anonymous (`{}`) or bearer.
 */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiSecurity({}), ApiBearerAuth(BEARER_SCHEME), ApiProblems(401));
