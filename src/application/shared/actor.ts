export type ActorRole = 'customer' | 'admin';

/** Who is calling: established once per request from the access token and its live session. */
export interface Actor {
  readonly userId: string;
  readonly role: ActorRole;
  readonly sessionId: string;
}

export const isAdmin = (actor: Actor) => actor.role === 'admin';
