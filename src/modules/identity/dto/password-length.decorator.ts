import { ValidateBy } from 'class-validator';
import { hasAcceptablePasswordLength, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../../domain/identity/password-policy';

/** What the policy asks of a new password, for the API's documentation. */
export const NEW_PASSWORD_RULE = '12..256 characters; a password that is easy to guess (a common one, or one made of the name or email address) is refused.';

/** The password policy's length, checked with the other fields; whether it is easy to guess is left to the policy. */
export const HasPasswordLength = () =>
  ValidateBy({
    name: 'hasPasswordLength',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && hasAcceptablePasswordLength(value),
      defaultMessage: () => `$property must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long`,
    },
  });
