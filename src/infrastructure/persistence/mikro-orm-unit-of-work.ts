import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../application/shared/unit-of-work';

/**
 * One database transaction per unit of work. Repositories that hold the injected EntityManager resolve to
 * the transaction's fork while `work` runs, so everything inside commits or rolls back together.
 */
@Injectable()
export class MikroOrmUnitOfWork extends UnitOfWork {
  constructor(private readonly em: EntityManager) {
    super();
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    return this.em.transactional(() => work());
  }
}
