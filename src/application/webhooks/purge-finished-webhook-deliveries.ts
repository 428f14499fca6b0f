import { Injectable } from '@nestjs/common';
import { Clock } from '../shared/clock';
import { WebhookDeliveries } from './webhook-deliveries';

/**
 * Delivered and given-up deliveries hold the events' bodies (customers' data) and the receivers' answers: they are
 * deleted `retentionDays` after their last attempt. Pending ones, however old, stay.
 */
@Injectable()
export class PurgeFinishedWebhookDeliveries {
  constructor(
    private readonly deliveries: WebhookDeliveries,
    private readonly clock: Clock,
  ) {}

  execute(retentionDays: number): Promise<number> {
    return this.deliveries.purgeFinished(new Date(this.clock.now().getTime() - retentionDays * 86_400_000));
  }
}
