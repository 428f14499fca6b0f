import { ValidateBy } from 'class-validator';
import { hasAcceptablePasswordLength, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../../domain/identity/password-policy';

/** The password policy's length, checked with the other fields; whether it is too common is left to the policy. */
export const HasPasswordLength = () =>
  ValidateBy({
    name: 'hasPasswordLength',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && hasAcceptablePasswordLength(value),
      defaultMessage: () => `$property must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long`,
    },
  });
