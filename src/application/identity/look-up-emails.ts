import { Injectable } from '@nestjs/common';
import { UserRepository } from './user.repository';

/** Where users are written to, for other contexts (notifications' mails): addresses by user id. */
@Injectable()
export class LookUpEmails {
  constructor(private readonly users: UserRepository) {}

  execute(userIds: readonly string[]): Promise<ReadonlyMap<string, string>> {
    return this.users.emailsOf(userIds);
  }
}
