import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsString, IsUrl, ValidateIf } from 'class-validator';
import { MAX_DESCRIPTION_LENGTH } from '../../../domain/webhooks/webhook-endpoint';
import { WEBHOOK_EVENT_TYPES } from '../../../domain/webhooks/webhook-event-types';
import { MAX_WEBHOOK_URL_LENGTH } from '../../../domain/webhooks/webhook-url';
import { Omittable } from '../../shared/omittable.decorator';
import { WEBHOOK_URL_OPTIONS } from './create-webhook-endpoint.dto';
import { MaxCharacters } from '../../shared/max-characters.decorator';

/** Every field optional; send only what changes. `description: null` clears it; `enabled: true` re-enables a disabled endpoint. */
export class UpdateWebhookEndpointDto {
  @ApiPropertyOptional({ example: 'https://warehouse.example.com/webhooks/v2', format: 'uri', maxLength: MAX_WEBHOOK_URL_LENGTH })
  @Omittable()
  @IsUrl(WEBHOOK_URL_OPTIONS, { message: 'url must be an absolute http(s) URL' })
  @MaxCharacters(MAX_WEBHOOK_URL_LENGTH)
  url?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENT_TYPES, isArray: true, minItems: 1, maxItems: WEBHOOK_EVENT_TYPES.length, uniqueItems: true, example: ['order.paid'] })
  @Omittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true, message: `each of events must be one of: ${WEBHOOK_EVENT_TYPES.join(', ')}` })
  events?: string[];

  @ApiPropertyOptional({ example: 'Warehouse (new system)', maxLength: MAX_DESCRIPTION_LENGTH, nullable: true })
  @ValidateIf((_dto, value) => value !== null && value !== undefined)
  @IsString()
  @MaxCharacters(MAX_DESCRIPTION_LENGTH)
  description?: string | null;

  @ApiPropertyOptional({ example: true, description: 'false stops deliveries (they wait); true resumes them and clears the reason it was disabled.' })
  @Omittable()
  @IsBoolean()
  enabled?: boolean;
}
