import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import type { ParkedEventView } from '../../application/events/parked-events';
import { PageQueryDto } from '../shared/page-query.dto';

/** An event a consumer gave up on after EVENT_HANDLER_RETRY_SCHEDULE's attempts; the other consumers took it. */
export class ParkedEventDto {
  @ApiProperty({ format: 'uuid', maxLength: 36, description: 'The parked event\'s own id, for its replay.' })
  id: string;

  @ApiProperty({ format: 'uuid', maxLength: 36 })
  eventId: string;

  @ApiProperty({ pattern: '^[a-z][a-z_.-]*$', maxLength: 64, example: 'order.placed' })
  eventType: string;

  @ApiProperty({ format: 'uuid', maxLength: 36 })
  aggregateId: string;

  @ApiProperty({ type: String, format: 'date-time', maxLength: 30 })
  occurredAt: string;

  @ApiProperty({ type: Object, description: 'The event\'s fields, as its context published them (asyncapi.json).' })
  payload: Record<string, unknown>;

  @ApiProperty({ pattern: '^[a-z0-9-]+$', maxLength: 64, example: 'shop-mails', description: 'The consumer that gave up: audit-log, shop-mails, account-mails, product-sales, webhook-deliveries.' })
  consumer: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1_000_000, example: 6 })
  attempts: number;

  @ApiProperty({ maxLength: 2000, example: 'TypeError: Cannot read properties of undefined (reading \'map\')', description: 'What the last attempt failed with.' })
  lastError: string;

  @ApiProperty({ type: String, format: 'date-time', maxLength: 30, description: 'When the last attempt failed.' })
  parkedAt: string;

  static from(view: ParkedEventView): ParkedEventDto {
    return Object.assign(new ParkedEventDto(), view);
  }
}

export class ParkedEventPageDto {
  @ApiProperty({ type: [ParkedEventDto], maxItems: 100 })
  items: ParkedEventDto[];

  @ApiProperty({ type: String, nullable: true, pattern: '^[A-Za-z0-9_-]+$', maxLength: 200, description: 'Pass as `cursor` for the next page; null on the last page.' })
  nextCursor: string | null;
}

export class ParkedEventQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 64, pattern: '^[a-z0-9-]{1,64}$', example: 'shop-mails', description: 'One consumer\'s parked events only.' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,64}$/)
  consumer?: string;
}
