import { AsyncLocalStorage } from 'node:async_hooks';
import { type EntityManager, RequestContext } from '@mikro-orm/core';

/** A request's own EntityManager (identity map, unit of work), forked from the global one when first asked for. */
class ForkOnFirstUse {
  private fork?: EntityManager;
  private forking = false;

  constructor(private readonly global: EntityManager) {}

  of(name: string): EntityManager | undefined {
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

const requests = new AsyncLocalStorage<ForkOnFirstUse>();

/**
 * Runs one HTTP request in a scope of its own. MikroORM's request-context middleware forked an EntityManager
 * for every request up front (a fork and its context were some 4% of the CPU of a product read, which never
 * uses it: views query the connection); here the fork is made by the first use.
 */
export function runInRequestScope(global: EntityManager, next: () => void): void {
  requests.run(new ForkOnFirstUse(global), next);
}

/**
 * MikroORM's `context` option: the EntityManager that `em` stands for here. A scope opened with
 * RequestContext.create (jobs, seeding, bootstrap) wins over the request's; outside both it is undefined, and
 * MikroORM then refuses to use the global manager (`allowGlobalContext: false`).
 */
export function entityManagerInScope(name: string): EntityManager | undefined {
  return RequestContext.getEntityManager(name) ?? requests.getStore()?.of(name);
}
