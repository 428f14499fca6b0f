import { Body as NestBody, Query as NestQuery } from '@nestjs/common';
import { requestValidation } from '../../infrastructure/http/request-validation.pipe';

/**
 * The request body as its DTO, validated (requestValidation). Controllers take `Body` and `Query` from here: ESLint
 * forbids Nest's own in src/modules, which would hand a handler the body unchecked now that no global pipe runs.
 */
export const Body = (): ParameterDecorator => NestBody(requestValidation);

/** The query string as its DTO, validated; see Body. */
export const Query = (): ParameterDecorator => NestQuery(requestValidation);
