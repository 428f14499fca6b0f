import { ApiProperty } from '@nestjs/swagger';
import type { DeliveryView } from '../../../application/webhooks/webhook-deliveries';
import { KEPT_RESPONSE_BYTES } from '../../../domain/webhooks/webhook-delivery';

/** One event's delivery to one endpoint, with what its last attempt came to. */
export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid', maxLength: 36 })
  id: string;

  @ApiProperty({ format: 'uuid', maxLength: 36 })
  endpointId: string;

  @ApiProperty({ format: 'uuid', maxLength: 36, description: 'The event\'s id: the `webhook-id` header of every attempt.' })
  eventId: string;

  @ApiProperty({ pattern: '^[a-z]+\\.[a-z_]+$', maxLength: 64, example: 'order.paid' })
  eventType: string;

  @ApiProperty({ enum: ['pending', 'succeeded', 'failed'], description: 'failed: given up after the last retry, or the receiver answered 410.' })
  status: 'pending' | 'succeeded' | 'failed';

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 1_000_000, example: 1 })
  attempts: number;

  @ApiProperty({ type: String, format: 'date-time', maxLength: 30, nullable: true })
  lastAttemptAt: string | null;

  @ApiProperty({ type: 'integer', nullable: true, minimum: 100, maximum: 599, example: 200, description: 'The receiver\'s status; null when it did not answer.' })
  lastResponseStatus: number | null;

  @ApiProperty({ type: String, nullable: true, maxLength: KEPT_RESPONSE_BYTES, description: `The first ${KEPT_RESPONSE_BYTES} bytes of the receiver's answer.` })
  lastResponseBody: string | null;

  @ApiProperty({ type: String, nullable: true, maxLength: 500, example: null, description: 'Why there was no answer: a timeout, a refused connection or destination.' })
  lastError: string | null;

  @ApiProperty({ type: 'integer', nullable: true, minimum: 0, maximum: 600_000, example: 42, description: 'How long the last attempt took, in milliseconds.' })
  lastLatencyMs: number | null;

  @ApiProperty({ type: String, format: 'date-time', maxLength: 30, nullable: true, description: 'When the next attempt is due; null unless pending.' })
  nextAttemptAt: string | null;

  @ApiProperty({ format: 'date-time', maxLength: 30 })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', maxLength: 30, nullable: true })
  deliveredAt: string | null;

  static from(delivery: DeliveryView): WebhookDeliveryDto {
    const last = delivery.lastAttempt;
    return {
      id: delivery.id,
      endpointId: delivery.endpointId,
      eventId: delivery.eventId,
      eventType: delivery.eventType,
      status: delivery.status,
      attempts: delivery.attempts,
      lastAttemptAt: last?.at.toISOString() ?? null,
      lastResponseStatus: last?.responseStatus ?? null,
      lastResponseBody: last?.responseBody ?? null,
      lastError: last?.error ?? null,
      lastLatencyMs: last?.durationMs ?? null,
      nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
      createdAt: delivery.createdAt.toISOString(),
      deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
    };
  }
}

export class WebhookDeliveryPageDto {
  @ApiProperty({ type: [WebhookDeliveryDto], maxItems: 100 })
  items: WebhookDeliveryDto[];

  @ApiProperty({ type: String, nullable: true, pattern: '^[A-Za-z0-9_-]+$', maxLength: 200, description: 'Pass as `cursor` for the next page; null on the last page.' })
  nextCursor: string | null;
}
