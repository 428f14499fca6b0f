import { ValidateBy } from 'class-validator';
import { characterCount } from '../../domain/shared/characters';

/**
 * At most `max` characters as PostgreSQL (a `varchar(n)` column) and JSON Schema (`maxLength`) count them: code
 * points. class-validator's MaxLength leaves out the variation selectors U+FE0E and U+FE0F, so a name of 51 "❤️"
 * passed a bound of 100 and failed the column's with a 500. Its message is kept.
 */
export const MaxCharacters = (max: number) =>
  ValidateBy({
    name: 'maxCharacters',
    constraints: [max],
    validator: {
      validate: (value: unknown) => typeof value === 'string' && characterCount(value) <= max,
      defaultMessage: () => `$property must be shorter than or equal to ${max} characters`,
    },
  });
