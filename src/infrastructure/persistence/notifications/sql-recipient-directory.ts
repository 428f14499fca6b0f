import { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import { RecipientDirectory } from '../../../application/notifications/recipient-directory';

/** Reads the identity context's users table: notifications depend on its data, never on its code. */
@Injectable()
export class SqlRecipientDirectory extends RecipientDirectory {
  constructor(private readonly em: SqlEntityManager) {
    super();
  }

  async emailsOf(userIds: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return new Map();
    const rows = await this.em.execute<Array<{ id: string; email: string }>>(
      `select id, email from users where id in (${ids.map(() => '?').join(', ')})`,
      ids,
    );
    return new Map(rows.map((row) => [row.id, row.email]));
  }
}
