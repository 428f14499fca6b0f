import { ValidateIf } from 'class-validator';

/**
 * The property may be left out, but when present it must be valid: unlike @IsOptional, `null` is validated
 * (and refused) instead of skipping every other rule and reaching the domain as a null.
 */
export const Omittable = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
