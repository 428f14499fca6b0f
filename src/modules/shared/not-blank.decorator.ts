import { Matches } from 'class-validator';

/** Not only white space: the domain trims names, and an empty one is no name. */
export const IsNotBlank = () => Matches(/\S/, { message: '$property must not be blank' });
