import { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import { RecipientDirectory } from '../../../application/notifications/recipient-directory';

/** Reads the identity context's users table: notifications depend on its data, never on its code. */
@Injectable()
export class SqlRecipientDirectory extends RecipientDirectory {
  constructor(private readonly em: SqlEntityManager) {
    super();
  }

  async emailOf(userId: string): Promise<string | null> {
    const [row] = await this.em.execute<Array<{ email: string }>>('select email from users where id = ?', [userId]);
    return row?.email ?? null;
  }
}
