import { type EntityManager, RequestContext } from '@mikro-orm/core';
import { currentRequestScope } from '../request-scope';

/**
 * MikroORM's `context` option: the EntityManager that `em` stands for here. A scope opened with
 * RequestContext.create (jobs, seeding, bootstrap) wins over the request's (RequestScope); outside both it is
 * undefined, and MikroORM then refuses to use the global manager (`allowGlobalContext: false`).
 */
export function entityManagerInScope(name: string): EntityManager | undefined {
  return RequestContext.getEntityManager(name) ?? currentRequestScope()?.entityManager(name);
}
