import { Injectable } from '@nestjs/common';
import type { User } from '../../domain/identity/user';
import type { Page, PageRequest } from '../shared/page';
import { UserRepository } from './user.repository';

/** Admins only (enforced at the route): every account, newest first. */
@Injectable()
export class ListUsers {
  constructor(private readonly users: UserRepository) {}

  execute(page: PageRequest): Promise<Page<User>> {
    return this.users.list(page);
  }
}
