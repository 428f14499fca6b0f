import { ValidationPipe } from '@nestjs/common';
import { RequestValidationError } from './request-validation.error';

/**
 * Validates a request's body or query as its DTO (class-validator), refusing unknown properties, with every failed
 * field in one 400 (RequestValidationError). Controllers apply it through the `Body` and `Query` decorators of
 * `modules/shared/validated-input.ts`, not as a global pipe: Nest runs a global pipe on every parameter of every
 * request, a path id and the caller too, each a step it awaits (a product read allocated 2.7 KB more).
 */
export const requestValidation = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  validationError: { target: false, value: false },
  exceptionFactory: (failures) => RequestValidationError.fromClassValidator(failures),
});
