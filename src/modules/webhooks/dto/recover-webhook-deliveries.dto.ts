import { ApiProperty } from '@nestjs/swagger';
import { isRFC3339, ValidateBy } from 'class-validator';

/** RFC 3339 with its offset, on a day the calendar has: Date.parse rolls 2026-02-30 over to March 2. */
function isInstant(value: unknown): boolean {
  if (typeof value !== 'string' || !isRFC3339(value)) return false;
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
}

export class RecoverWebhookDeliveriesDto {
  @ApiProperty({
    format: 'date-time',
    maxLength: 35,
    example: '2026-12-07T08:00:00Z',
    description: 'The deliveries given up that were created at or after this instant (RFC 3339, with its offset; not later than now) are attempted once more.',
  })
  @ValidateBy({ name: 'isInstant', validator: { validate: isInstant, defaultMessage: () => 'since must be an RFC 3339 date-time with its offset, e.g. 2026-12-07T08:00:00Z' } })
  since: string;
}

export class WebhookRecoveryDto {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 2_147_483_647, example: 42, description: 'How many given-up deliveries were made due for one more attempt.' })
  recovered: number;
}
