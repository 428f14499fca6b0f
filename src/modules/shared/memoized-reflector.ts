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
  /** Per handler, the answers for each class it is asked about (one, but for a handler a subclass inherits). */
  private readonly answers = new WeakMap<object, Array<{ classRef: object; byKey: Map<unknown, unknown> }>>();

  override getAllAndOverride<T = unknown>(key: unknown, targets: Targets): T {
    const [handler, classRef] = targets;
    if (targets.length !== 2 || !handler || !classRef) return super.getAllAndOverride(key as never, targets) as T;
    let forHandler = this.answers.get(handler);
    if (!forHandler) this.answers.set(handler, (forHandler = []));
    let byKey: Map<unknown, unknown> | undefined;
    for (const answers of forHandler) if (answers.classRef === classRef) byKey = answers.byKey;
    if (!byKey) forHandler.push({ classRef, byKey: (byKey = new Map()) });
    let answer = byKey.get(key);
    if (answer === undefined && !byKey.has(key)) byKey.set(key, (answer = super.getAllAndOverride(key as never, targets)));
    return answer as T;
  }
}

/** Given to the modules whose global guards ask on every request. */
export const memoizedReflector = { provide: Reflector, useClass: MemoizedReflector };
