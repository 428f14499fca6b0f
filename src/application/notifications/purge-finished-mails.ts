import { Injectable } from '@nestjs/common';
import { Clock } from '../shared/clock';
import { MailQueue } from './mail-queue';

/** Sent and given-up mails hold addresses and what was said to them: they are deleted `retentionDays` after they finished. */
@Injectable()
export class PurgeFinishedMails {
  constructor(
    private readonly queue: MailQueue,
    private readonly clock: Clock,
  ) {}

  execute(retentionDays: number): Promise<number> {
    return this.queue.purgeFinished(new Date(this.clock.now().getTime() - retentionDays * 86_400_000));
  }
}
