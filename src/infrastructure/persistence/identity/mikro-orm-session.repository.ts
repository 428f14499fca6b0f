import { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { type AuthenticatedSession, SessionRepository } from '../../../application/identity/session.repository';
import { Session, type SessionEndReason } from '../../../domain/identity/session';
import type { ActorRole } from '../../../application/shared/actor';
import { ReadQueries } from '../read-queries';

@Injectable()
export class MikroOrmSessionRepository extends SessionRepository {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly queries: ReadQueries,
  ) {
    super();
  }

  nextId(): string {
    return uuidv7();
  }

  byId(id: string): Promise<Session | null> {
    return this.em.findOne(Session, { id });
  }

  async add(session: Session): Promise<void> {
    await this.em.persist(session).flush();
  }

  async save(session: Session): Promise<void> {
    await this.em.persist(session).flush();
  }

  async saveRotation(session: Session, previousHash: string): Promise<boolean> {
    const updated = await this.em.nativeUpdate(
      Session,
      { id: session.id, refreshTokenHash: previousHash, endedAt: null },
      { refreshTokenHash: session.refreshTokenHash },
    );
    return updated === 1;
  }

  async endAllOfUser(userId: string, reason: SessionEndReason, now: Date, exceptSessionId?: string): Promise<void> {
    await this.em.nativeUpdate(
      Session,
      { userId, endedAt: null, ...(exceptSessionId ? { id: { $ne: exceptSessionId } } : {}) },
      { endedAt: now, endReason: reason },
    );
  }

  /** Every authenticated request asks, before any unit of work: from the primary, the pool's shortest path. */
  async authenticate(sessionId: string, now: Date): Promise<AuthenticatedSession | null> {
    const rows = await this.queries.rows<{ user_id: string; role: ActorRole; email_verified: boolean }>(
      `select s.user_id, u.role, u.email_verified from sessions s join users u on u.id = s.user_id
        where s.id = ? and s.ended_at is null and s.expires_at > ? and u.status = 'active'`,
      [sessionId, now],
    );
    return rows[0] ? { userId: rows[0].user_id, role: rows[0].role, emailVerified: rows[0].email_verified } : null;
  }
}
