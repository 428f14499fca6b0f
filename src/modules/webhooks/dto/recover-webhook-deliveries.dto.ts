import { ApiProperty } from '@nestjs/swagger';
import { isRFC3339, ValidateBy } from 'class-validator';
import { isCalendarDay } from '../../../domain/shared/calendar-day';
import { MaxCharacters } from '../../shared/max-characters.decorator';

/** Room for a date-time with milliseconds and an offset (2026-12-07T08:00:00.000+05:30 is 29) and a few more digits. */
const MAX_INSTANT_LENGTH = 35;
const FIRST_INSTANT = Date.UTC(1970, 0, 1);

/**
 * RFC 3339 with its offset, on a day the calendar has, an instant JavaScript can hold (a leap second's :60 is none)
 * from 1970 on: a year 0 reached PostgreSQL as one it refuses.
 */
function isInstant(value: unknown): boolean {
  if (typeof value !== 'string' || !isRFC3339(value) || !isCalendarDay(value.slice(0, 10))) return false;
  const time = Date.parse(value);
  return !Number.isNaN(time) && time >= FIRST_INSTANT;
}

export class RecoverWebhookDeliveriesDto {
  @ApiProperty({
    format: 'date-time',
    maxLength: MAX_INSTANT_LENGTH,
    example: '2026-12-07T08:00:00Z',
    description:
      'The deliveries given up at or after this instant (their last attempt; RFC 3339 with its offset, from 1970, not later than now) are attempted once more.',
  })
  @ValidateBy({
    name: 'isInstant',
    validator: { validate: isInstant, defaultMessage: () => 'since must be an RFC 3339 date-time with its offset, from 1970 on, e.g. 2026-12-07T08:00:00Z' },
  })
  @MaxCharacters(MAX_INSTANT_LENGTH)
  since: string;
}

export class WebhookRecoveryDto {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 2_147_483_647, example: 42, description: 'How many given-up deliveries were made due for one more attempt.' })
  recovered: number;
}
