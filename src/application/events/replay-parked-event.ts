import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../shared/unit-of-work';
import { ConsumerGone, ParkedEventNotFound, ReplayFailed } from './parked-events.errors';
import { EventConsumers, ParkedEvents } from './parked-events';

/**
 * Hands a parked event to its consumer again, now, in this process (once whatever made it fail is mended). Taken, it
 * is no longer parked; failing again, it stays parked with the new error. The row stays locked meanwhile, so two
 * replays of one event run one after the other, and the second finds nothing parked.
 */
@Injectable()
export class ReplayParkedEvent {
  constructor(
    private readonly parked: ParkedEvents,
    private readonly consumers: EventConsumers,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(id: string): Promise<void> {
    const failedAt = await this.uow.run(async () => {
      const replay = await this.parked.lockForReplay(id);
      if (!replay) throw new ParkedEventNotFound(id);
      const consumer = this.consumers.named(replay.consumer);
      if (!consumer) throw new ConsumerGone(replay.consumer);
      try {
        // A unit of work inside another is a savepoint: a consumer that fails leaves nothing of its own behind.
        await this.uow.run(() => consumer.handle(replay.event));
      } catch (error) {
        await this.parked.failedAgain(id, error);
        return consumer.name;
      }
      await this.parked.replayed(id);
      return undefined;
    });
    // Thrown once the failure is committed, which an error thrown inside the unit of work would roll back.
    if (failedAt) throw new ReplayFailed(id, failedAt);
  }
}
