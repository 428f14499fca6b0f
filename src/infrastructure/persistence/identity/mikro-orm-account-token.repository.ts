import { LockMode } from '@mikro-orm/core';
import { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import { AccountTokenRepository } from '../../../application/identity/account-token.repository';
import { AccountToken, type AccountTokenPurpose } from '../../../domain/identity/account-token';

@Injectable()
export class MikroOrmAccountTokenRepository extends AccountTokenRepository {
  constructor(private readonly em: SqlEntityManager) {
    super();
  }

  async add(token: AccountToken): Promise<void> {
    await this.em.persist(token).flush();
  }

  async save(token: AccountToken): Promise<void> {
    await this.em.persist(token).flush();
  }

  byHash(hash: string): Promise<AccountToken | null> {
    return this.em.findOne(AccountToken, { tokenHash: hash });
  }

  byHashForUpdate(hash: string): Promise<AccountToken | null> {
    return this.em.findOne(AccountToken, { tokenHash: hash }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  }

  async supersedeOpen(userId: string, purposes: readonly AccountTokenPurpose[], now: Date): Promise<void> {
    await this.em.nativeUpdate(AccountToken, { userId, purpose: { $in: [...purposes] }, usedAt: null, supersededAt: null }, { supersededAt: now });
  }

  async issuedSince(userId: string, purposes: readonly AccountTokenPurpose[], since: Date): Promise<Date[]> {
    const tokens = await this.em.find(
      AccountToken,
      { userId, purpose: { $in: [...purposes] }, createdAt: { $gte: since } },
      { fields: ['createdAt'], orderBy: { createdAt: 'asc' }, disableIdentityMap: true },
    );
    return tokens.map((token) => token.createdAt);
  }

  purgeFinished(before: Date): Promise<number> {
    return this.em.nativeDelete(AccountToken, {
      $or: [{ usedAt: { $lt: before } }, { supersededAt: { $lt: before } }, { expiresAt: { $lt: before } }],
    });
  }
}
