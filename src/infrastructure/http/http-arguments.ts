import type { ArgumentsHost } from '@nestjs/common';

/**
 * The request of an HTTP context, for the guards, decorators and interceptors on every request's path: Nest's
 * `switchToHttp()` assigns three new closures to the context on each call (the global guards and a route's
 * parameters made five such calls per product read), where the arguments themselves are at hand.
 */
export const requestOf = <T>(context: ArgumentsHost): T => context.getArgByIndex<T>(0);

/** The reply of an HTTP context; see requestOf. */
export const replyOf = <T>(context: ArgumentsHost): T => context.getArgByIndex<T>(1);
