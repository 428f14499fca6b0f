import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { requestOf } from '../../infrastructure/http/http-arguments';
import { RequestValidationError } from '../../infrastructure/http/request-validation.error';
import { isUuid } from './cursor';

/**
 * A UUID in the path, in lower case: the database answers ids so, and whatever compares a path id with one it read
 * (a delivery of this endpoint, the caller's own account) must not miss because a client wrote it in capitals.
 * Refused as every other invalid input is: a validation problem naming the parameter.
 */
const uuidInPath = createParamDecorator((name: string, context: ExecutionContext): string => {
  const id = String(requestOf<{ params: Record<string, unknown> }>(context).params[name]).toLowerCase();
  if (!isUuid(id)) throw new RequestValidationError([{ field: name, message: `${name} must be a UUID` }]);
  return id;
});

/**
 * The UUID a route takes in its path as `name`, checked where Nest extracts it, and documented. A pipe on
 * `@Param()` did the same, but Nest runs a parameter's pipes as a chain of awaited steps of its own (six promises
 * and some 3 KB for every request with an id); @nestjs/swagger documents a custom parameter only when told.
 */
export const PathId =
  (name = 'id'): ParameterDecorator =>
  (target, method, index) => {
    uuidInPath(name)(target, method, index);
    ApiParam({ name, required: true, schema: { type: 'string', format: 'uuid', maxLength: 36 } })(target, method!, Object.getOwnPropertyDescriptor(target, method!)!);
  };
