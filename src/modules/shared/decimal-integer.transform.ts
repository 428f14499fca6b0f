import { Transform } from 'class-transformer';

/**
 * A query value as a number only when it is written in decimal digits; anything else stays text and fails
 * @IsInt (400). `Number()` read `0x10` as 16, `1e1` as 10, `0b11` as 3 and ` 1` or `1.0` as 1.
 */
export const DecimalInteger = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value));
