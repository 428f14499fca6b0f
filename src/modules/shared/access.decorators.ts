import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { BEARER_SCHEME } from '../../infrastructure/http/openapi';
import { ApiProblems } from './api-problems.decorator';
import { Roles } from './roles.decorator';

/** Any logged-in caller (the global guard enforces it; this documents it). */
export const Authenticated = () => applyDecorators(ApiBearerAuth(BEARER_SCHEME), ApiProblems(401));

/** Admins only: 401 without a valid token, 403 for other roles. */
export const AdminOnly = () => applyDecorators(Roles('admin'), ApiBearerAuth(BEARER_SCHEME), ApiProblems(401, 403));
