/** The largest body Fastify reads; a larger one is answered 413. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** The longest path parameter the router accepts; a longer one is answered 414. */
export const MAX_PARAM_LENGTH = 200;
