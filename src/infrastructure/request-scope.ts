import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from '@mikro-orm/core';

/**
 * What one HTTP request carries through everything it awaits: its id, for the lines logged meanwhile, and its
 * own EntityManager (identity map, unit of work), forked from the global one when first asked for. MikroORM's
 * request-context middleware forked one for every request up front (a fork and its context were some 4% of the
 * CPU of a product read, which never uses it: views query the connection). One storage for both: each `run`
 * of an AsyncLocalStorage costs every request a context frame.
 */
export class RequestScope {
  private fork?: EntityManager;
  private forking = false;

  constructor(
    readonly requestId: string,
    private readonly global: EntityManager,
  ) {}

  /** The request's EntityManager, when `name` is the global manager's. */
  entityManager(name: string): EntityManager | undefined {
    // While the fork is being made, MikroORM asks for the context itself (as it does inside RequestContext.create).
    if (name !== this.global.name || this.forking) return undefined;
    if (!this.fork) {
      this.forking = true;
      try {
        this.fork = this.global.fork({ useContext: true });
      } finally {
        this.forking = false;
      }
    }
    return this.fork;
  }
}

const scopes = new AsyncLocalStorage<RequestScope>();

/** Runs the rest of one request (its hooks, handler and everything they await) in `scope`. */
export function runInRequestScope(scope: RequestScope, next: () => void): void {
  scopes.run(scope, next);
}

/** The scope of the request being served, if any. */
export const currentRequestScope = (): RequestScope | undefined => scopes.getStore();
