import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';

/**
 * Sets one flag of a route's Fastify config, which the app's onRoute hooks read (screen-request-input,
 * record-idempotent-response), keeping the flags other decorators set: Nest's RouteConfig replaces the whole
 * config, so of @NoBody() and @Idempotent() on one route only one would hold. A method's only: Fastify takes a
 * route's config from its handler.
 */
export const RouteFlag =
  (flag: string): MethodDecorator =>
  (_target, _key, descriptor) => {
    const handler = descriptor.value as object;
    const config = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) as Record<string, unknown> | undefined) ?? {};
    Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...config, [flag]: true }, handler);
  };
