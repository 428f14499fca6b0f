export type ActorRole = 'customer' | 'admin';

/** Who is calling: established once per request from the access token and its live session. */
export interface Actor {
  readonly userId: string;
  readonly role: ActorRole;
  readonly sessionId: string;
  /** Whether the account's address is proven: the store may require it to order. */
  readonly emailVerified: boolean;
}

export const isAdmin = (actor: Actor) => actor.role === 'admin';
