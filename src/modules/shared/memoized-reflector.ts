import { Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

type Targets = Parameters<Reflector['getAllAndOverride']>[1];

/**
 * Nest's Reflector, with `getAllAndOverride` answered from memory after the first time: decorators fix a
 * route's metadata when its class is defined, and the global guards ask some fifteen such questions on every
 * request (the throttler six per named limit), each a walk of the metadata maps.
 */
@Injectable()
export class MemoizedReflector extends Reflector {
  private readonly answers = new WeakMap<object, WeakMap<object, Map<unknown, unknown>>>();

  override getAllAndOverride<T = unknown>(key: unknown, targets: Targets): T {
    const [handler, classRef] = targets;
    if (targets.length !== 2 || !handler || !classRef) return super.getAllAndOverride(key as never, targets) as T;
    let byClass = this.answers.get(handler);
    if (!byClass) this.answers.set(handler, (byClass = new WeakMap()));
    let byKey = byClass.get(classRef);
    if (!byKey) byClass.set(classRef, (byKey = new Map()));
    if (!byKey.has(key)) byKey.set(key, super.getAllAndOverride(key as never, targets));
    return byKey.get(key) as T;
  }
}

/** Given to the modules whose global guards ask on every request. */
export const memoizedReflector = { provide: Reflector, useClass: MemoizedReflector };
