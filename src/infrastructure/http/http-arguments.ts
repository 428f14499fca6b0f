import type { ArgumentsHost } from '@nestjs/common';

/*
 * The request and reply of an HTTP context, for the guards, decorators and interceptors on every request's path.
 * Nest's `switchToHttp()` assigns three new closures to the context on each call (the global guards and a route's
 * parameters made five such calls per product read); the arguments themselves are at hand.
 */

export const requestOf = <T>(context: ArgumentsHost): T => context.getArgByIndex<T>(0);

export const replyOf = <T>(context: ArgumentsHost): T => context.getArgByIndex<T>(1);
