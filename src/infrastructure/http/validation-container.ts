import type { INestApplicationContext } from '@nestjs/common';
import { INJECTABLE_WATERMARK } from '@nestjs/common/constants';
import { useContainer } from 'class-validator';

/**
 * Lets class-validator take the constraints that are Nest providers (they need configuration, such as the store's
 * currency) from the application; every other constraint it makes itself, as before. Resolved once per class: the
 * container is asked on every validation.
 */
export function resolveConstraintsFrom(app: INestApplicationContext): void {
  const resolved = new Map<unknown, unknown>();
  const get = (constraint: new () => unknown) => {
    if (!resolved.has(constraint)) {
      resolved.set(constraint, Reflect.hasMetadata(INJECTABLE_WATERMARK, constraint) ? app.get(constraint, { strict: false }) : undefined);
    }
    return resolved.get(constraint);
  };
  useContainer({ get }, { fallback: true });
}
