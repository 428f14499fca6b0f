import type { Session, SessionEndReason } from '../../domain/identity/session';
import type { ActorRole } from '../shared/actor';

export interface AuthenticatedSession {
  readonly userId: string;
  readonly role: ActorRole;
  readonly emailVerified: boolean;
}

export abstract class SessionRepository {
  abstract nextId(): string;
  abstract byId(id: string): Promise<Session | null>;
  abstract add(session: Session): Promise<void>;
  abstract save(session: Session): Promise<void>;
  /**
   * Stores a rotation only if nobody rotated since `previousHash` was read (a conditional update).
   * False means another request spent the same refresh token first.
   */
  abstract saveRotation(session: Session, previousHash: string): Promise<boolean>;
  abstract endAllOfUser(userId: string, reason: SessionEndReason, now: Date, exceptSessionId?: string): Promise<void>;
  /**
   * The check behind every authenticated request, so it is one indexed read: the session is open and unexpired
   * and its user active. The role comes from the user row, so a role change applies at once.
   */
  abstract authenticate(sessionId: string, now: Date): Promise<AuthenticatedSession | null>;
}
