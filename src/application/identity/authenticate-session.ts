import { Injectable } from '@nestjs/common';
import { SessionEnded } from '../../domain/identity/identity.errors';
import type { Actor } from '../shared/actor';
import { Clock } from '../shared/clock';
import { SessionRepository } from './session.repository';

/** Turns a verified access token's claims into an Actor, if its session is still open. Runs on every request. */
@Injectable()
export class AuthenticateSession {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly clock: Clock,
  ) {}

  async execute(claims: { userId: string; sessionId: string }): Promise<Actor> {
    const session = await this.sessions.authenticate(claims.sessionId, this.clock.now());
    if (!session || session.userId !== claims.userId) throw new SessionEnded();
    return { userId: session.userId, role: session.role, emailVerified: session.emailVerified, sessionId: claims.sessionId };
  }
}
