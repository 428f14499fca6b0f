import { Injectable } from '@nestjs/common';
import { UserNotFound } from '../../domain/identity/identity.errors';
import type { User } from '../../domain/identity/user';
import { type Actor, isAdmin } from '../shared/actor';
import { UserRepository } from './user.repository';

/** A user's profile: one's own, or anyone's for an admin. */
@Injectable()
export class GetUser {
  constructor(private readonly users: UserRepository) {}

  async execute(actor: Actor, userId: string): Promise<User> {
    const user = actor.userId === userId || isAdmin(actor) ? await this.users.byId(userId) : null;
    if (!user) throw new UserNotFound(userId);
    return user;
  }
}
