import { Injectable } from '@nestjs/common';
import { UserNotFound } from '../../domain/identity/identity.errors';
import type { User } from '../../domain/identity/user';
import type { Actor } from '../shared/actor';
import { Clock } from '../shared/clock';
import { UserRepository } from './user.repository';

@Injectable()
export class UpdateProfile {
  constructor(
    private readonly users: UserRepository,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, changes: { name?: string }): Promise<User> {
    const user = await this.users.byId(actor.userId);
    if (!user) throw new UserNotFound(actor.userId);
    if (changes.name !== undefined) user.rename(changes.name, this.clock.now());
    await this.users.save(user);
    return user;
  }
}
