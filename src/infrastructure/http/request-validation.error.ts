import type { ValidationError } from 'class-validator';
import type { FieldError } from './problem';

/** A request whose body, query or path failed validation; carries one entry per offending field. */
export class RequestValidationError extends Error {
  constructor(readonly errors: FieldError[]) {
    super('The request is invalid; see errors for each field.');
    this.name = 'RequestValidationError';
  }

  static fromClassValidator(failures: ValidationError[]): RequestValidationError {
    return new RequestValidationError(failures.flatMap((failure) => flatten(failure, '')));
  }
}

/** The constraints that say what type a value must be: once one fails, the others (a range, a length) say nothing true. */
const TYPE_CONSTRAINTS = new Set(['isInt', 'isNumber', 'isString', 'isBoolean', 'isArray', 'isObject']);

/** A value of the wrong type is told so, alone: `limit=abc` was also "not greater than 100" and "not less than 1". */
function messagesOf(constraints: Record<string, string>): string[] {
  const typeFailures = Object.keys(constraints).filter((name) => TYPE_CONSTRAINTS.has(name));
  return (typeFailures.length > 0 ? typeFailures : Object.keys(constraints)).map((name) => constraints[name]);
}

function flatten(failure: ValidationError, parent: string): FieldError[] {
  const field = !parent ? failure.property : /^\d+$/.test(failure.property) ? `${parent}[${failure.property}]` : `${parent}.${failure.property}`;
  const own = messagesOf(failure.constraints ?? {}).map((message) => ({ field, message: rename(message, failure.property, field) }));
  const nested = (failure.children ?? []).flatMap((child) => flatten(child, field));
  return [...own, ...nested];
}

/** class-validator names the bare property ("quantity must be ..."); clients need the full path. */
function rename(message: string, property: string, field: string): string {
  return message.startsWith(`${property} `) ? `${field}${message.slice(property.length)}` : message;
}
