import { Injectable } from '@nestjs/common';
import { Email } from '../../domain/identity/email';
import { EmailAlreadyRegistered } from '../../domain/identity/identity.errors';
import { RegisterUser } from './register-user';
import { UserRepository } from './user.repository';

/** Creates the first admin from configuration when no account has that email yet; otherwise leaves it alone. */
@Injectable()
export class BootstrapAdmin {
  constructor(
    private readonly users: UserRepository,
    private readonly register: RegisterUser,
  ) {}

  async execute(input: { email: string; password: string }): Promise<'created' | 'exists'> {
    if (await this.users.byEmail(Email.parse(input.email).value)) return 'exists';
    try {
      await this.register.execute({ email: input.email, password: input.password, name: 'Administrator' }, 'admin');
      return 'created';
    } catch (error) {
      if (error instanceof EmailAlreadyRegistered) return 'exists'; // another instance won the race
      throw error;
    }
  }
}
