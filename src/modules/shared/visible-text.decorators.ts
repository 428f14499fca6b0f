import { ValidateBy } from 'class-validator';
import { hasControlCharacter, showsNothing } from '../../domain/shared/display-text';

/** Shows something: the domain trims names, and one of white space or zero-width characters is no name. */
export const IsNotBlank = () =>
  ValidateBy({
    name: 'isNotBlank',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && !showsNothing(value),
      defaultMessage: () => '$property must not be blank',
    },
  });

/** One line of text without control characters, as the domain keeps names: answered beside the other fields. */
export const HasNoControlCharacters = () =>
  ValidateBy({
    name: 'hasNoControlCharacters',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && !hasControlCharacter(value.trim()),
      defaultMessage: () => '$property must not contain control characters',
    },
  });
