import { ValidateBy } from 'class-validator';
import { Email } from '../../../domain/identity/email';

/** Whether a value is an address the domain's Email accepts (also the OpenAPI document's `idn-email` format). */
export const isEmailAddress = (value: unknown) => {
  if (typeof value !== 'string') return false;
  try {
    Email.parse(value);
    return true;
  } catch {
    return false;
  }
};

/** An address the domain's Email accepts, checked with the other fields so that one reply names every bad one. */
export const IsEmailAddress = () =>
  ValidateBy({
    name: 'isEmailAddress',
    validator: { validate: isEmailAddress, defaultMessage: () => '$property must be an email address' },
  });
