import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { UserRepository } from '../../../application/identity/user.repository';
import { type Page, type PageRequest, pageOf } from '../../../application/shared/page';
import { EmailAlreadyRegistered } from '../../../domain/identity/identity.errors';
import { User } from '../../../domain/identity/user';

@Injectable()
export class MikroOrmUserRepository extends UserRepository {
  constructor(private readonly em: SqlEntityManager) {
    super();
  }

  nextId(): string {
    return uuidv7();
  }

  byId(id: string): Promise<User | null> {
    return this.em.findOne(User, { id });
  }

  byEmail(email: string): Promise<User | null> {
    return this.em.findOne(User, { email });
  }

  byIdForUpdate(id: string): Promise<User | null> {
    return this.em.findOne(User, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  }

  add(user: User): Promise<void> {
    return this.flush(user);
  }

  save(user: User): Promise<void> {
    return this.flush(user);
  }

  /** A new account or a new address: the unique index decides races that a prior lookup could not. */
  private async flush(user: User): Promise<void> {
    try {
      await this.em.persist(user).flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new EmailAlreadyRegistered();
      throw error;
    }
  }

  /** Rows, not entities: a partly loaded User in the identity map would be taken for the whole one later. */
  async emailsOf(ids: readonly string[]): Promise<ReadonlyMap<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.em
      .createQueryBuilder(User)
      .select(['id', 'email'])
      .where({ id: { $in: [...new Set(ids)] } })
      .execute<Array<{ id: string; email: string }>>('all');
    return new Map(rows.map((row) => [row.id, row.email]));
  }

  async list(page: PageRequest): Promise<Page<User>> {
    const rows = await this.em.find(User, page.after ? { id: { $lt: page.after } } : {}, {
      orderBy: { id: 'desc' },
      limit: page.limit + 1,
      connectionType: 'read',
    });
    return pageOf(rows, page.limit, (user) => user.id);
  }
}
