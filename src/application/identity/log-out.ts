import { Injectable } from '@nestjs/common';
import type { Actor } from '../shared/actor';
import { Clock } from '../shared/clock';
import { SessionRepository } from './session.repository';

/** Ends the caller's session: its access and refresh tokens stop working at once. */
@Injectable()
export class LogOut {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor): Promise<void> {
    const session = await this.sessions.byId(actor.sessionId);
    if (!session) return;
    session.end('logout', this.clock.now());
    await this.sessions.save(session);
  }
}
