import { ApiProperty } from '@nestjs/swagger';
import type { EndpointWithSecret } from '../../../application/webhooks/signing-secrets';
import { MAX_DESCRIPTION_LENGTH, type WebhookEndpoint } from '../../../domain/webhooks/webhook-endpoint';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../../domain/webhooks/webhook-event-types';
import { MAX_WEBHOOK_URL_LENGTH } from '../../../domain/webhooks/webhook-url';

/** An endpoint as admins see it: never its signing secret. */
export class WebhookEndpointDto {
  @ApiProperty({ format: 'uuid', maxLength: 36 })
  id: string;

  @ApiProperty({ format: 'uri', maxLength: MAX_WEBHOOK_URL_LENGTH, example: 'https://warehouse.example.com/webhooks/commerce' })
  url: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true, maxItems: WEBHOOK_EVENT_TYPES.length, example: ['order.paid', 'refund.succeeded'] })
  events: WebhookEventType[];

  @ApiProperty({ type: String, nullable: true, maxLength: MAX_DESCRIPTION_LENGTH, example: 'Warehouse: ships paid orders' })
  description: string | null;

  @ApiProperty({ description: 'Whether deliveries are being made.' })
  enabled: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    maxLength: 1000,
    example: null,
    description: 'Why it is disabled: by an admin, a 410 Gone from the receiver, or five days of failed attempts.',
  })
  disabledReason: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    maxLength: 30,
    nullable: true,
    example: null,
    description: 'When the failed attempts since the last success began (a new URL, or a day without a failed attempt, starts them again); null when the last attempt succeeded.',
  })
  failingSince: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    maxLength: 30,
    nullable: true,
    example: null,
    description:
      'When the last of the secrets replaced by rotations stops (or stopped) signing deliveries: each signs beside the current one ' +
      'for 24 hours after its rotation. Null when the secret was never rotated.',
  })
  previousSecretExpiresAt: string | null;

  @ApiProperty({ format: 'date-time', maxLength: 30 })
  createdAt: string;

  @ApiProperty({ format: 'date-time', maxLength: 30 })
  updatedAt: string;

  static from(endpoint: WebhookEndpoint): WebhookEndpointDto {
    return {
      id: endpoint.id,
      url: endpoint.url,
      events: endpoint.events,
      description: endpoint.description,
      enabled: endpoint.enabled,
      disabledReason: endpoint.disabledReason,
      failingSince: endpoint.failingSince?.toISOString() ?? null,
      previousSecretExpiresAt: endpoint.previousSecretsExpireAt?.toISOString() ?? null,
      createdAt: endpoint.createdAt.toISOString(),
      updatedAt: endpoint.updatedAt.toISOString(),
    };
  }
}

/** The reply of a registration or a rotation: the only time the secret is shown. */
export class WebhookEndpointWithSecretDto extends WebhookEndpointDto {
  @ApiProperty({
    pattern: '^whsec_[A-Za-z0-9+/]+={0,2}$',
    maxLength: 100,
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw5Avd4Dng/Ic=',
    description: 'The signing secret (Standard Webhooks): shown only in this reply; keep it to verify `webhook-signature`.',
  })
  secret: string;

  static withSecret({ endpoint, secret }: EndpointWithSecret<WebhookEndpoint>): WebhookEndpointWithSecretDto {
    return { ...WebhookEndpointDto.from(endpoint), secret };
  }
}

export class WebhookEndpointPageDto {
  @ApiProperty({ type: [WebhookEndpointDto], maxItems: 100 })
  items: WebhookEndpointDto[];

  @ApiProperty({ type: String, nullable: true, pattern: '^[A-Za-z0-9_-]+$', maxLength: 200, description: 'Pass as `cursor` for the next page; null on the last page.' })
  nextCursor: string | null;
}
