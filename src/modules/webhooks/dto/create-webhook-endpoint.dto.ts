import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUrl } from 'class-validator';
import { MAX_DESCRIPTION_LENGTH } from '../../../domain/webhooks/webhook-endpoint';
import { WEBHOOK_EVENT_TYPES } from '../../../domain/webhooks/webhook-event-types';
import { MAX_WEBHOOK_URL_LENGTH } from '../../../domain/webhooks/webhook-url';
import { MaxCharacters } from '../../shared/max-characters.decorator';

/** The URL rule of class-validator that matches the domain's: http(s), an explicit scheme, hosts without a TLD. */
export const WEBHOOK_URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false, allow_underscores: true };

export class CreateWebhookEndpointDto {
  @ApiProperty({
    example: 'https://warehouse.example.com/webhooks/commerce',
    format: 'uri',
    maxLength: MAX_WEBHOOK_URL_LENGTH,
    description: 'Where deliveries are POSTed: https (plain http only where WEBHOOK_ALLOW_HTTP allows it), resolving to a public address.',
  })
  @IsUrl(WEBHOOK_URL_OPTIONS, { message: 'url must be an absolute http(s) URL' })
  @MaxCharacters(MAX_WEBHOOK_URL_LENGTH)
  url: string;

  @ApiProperty({
    enum: WEBHOOK_EVENT_TYPES,
    isArray: true,
    minItems: 1,
    maxItems: WEBHOOK_EVENT_TYPES.length,
    uniqueItems: true,
    example: ['order.paid', 'refund.succeeded'],
    description: 'The event types to deliver (described in /docs/asyncapi.json).',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true, message: `each of events must be one of: ${WEBHOOK_EVENT_TYPES.join(', ')}` })
  events: string[];

  @ApiPropertyOptional({ example: 'Warehouse: ships paid orders', maxLength: MAX_DESCRIPTION_LENGTH, nullable: true })
  @IsOptional()
  @IsString()
  @MaxCharacters(MAX_DESCRIPTION_LENGTH)
  description?: string | null;
}
