import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'isPublic';

/** Marks a route or controller as open to anonymous callers; everything else requires a bearer token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
