import type { User } from '../../domain/identity/user';
import type { Page, PageRequest } from '../shared/page';

export abstract class UserRepository {
  abstract nextId(): string;
  abstract byId(id: string): Promise<User | null>;
  abstract byEmail(email: string): Promise<User | null>;
  /** Reads the user and holds a row lock until the unit of work ends, for read-modify-write of counters. */
  abstract byIdForUpdate(id: string): Promise<User | null>;
  /** Inserts a new user; throws EmailAlreadyRegistered when the email is taken, whatever the race. */
  abstract add(user: User): Promise<void>;
  abstract save(user: User): Promise<void>;
  /** The addresses of these users, by id, in one read and without loading them; a user that does not exist is absent. */
  abstract emailsOf(ids: readonly string[]): Promise<ReadonlyMap<string, string>>;
  /** Newest first. */
  abstract list(page: PageRequest): Promise<Page<User>>;
}
