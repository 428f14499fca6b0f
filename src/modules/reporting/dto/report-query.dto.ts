import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min, ValidateBy } from 'class-validator';
import { FIRST_REPORT_DAY, isCalendarDate, LAST_REPORT_DAY, REPORT_INTERVALS, type ReportInterval } from '../../../domain/reporting/report-range';
import { DecimalInteger } from '../../shared/decimal-integer.transform';
import { IsReportRange } from './report-range.constraint';

const IsCalendarDate = () =>
  ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value),
      defaultMessage: () => `$property must be a date as YYYY-MM-DD from ${FIRST_REPORT_DAY} to ${LAST_REPORT_DAY}`,
    },
  });

export class ReportRangeQueryDto {
  @ApiProperty({ example: '2026-01-01', format: 'date', maxLength: 10, description: 'First day, inclusive (UTC).' })
  @IsCalendarDate()
  from: string;

  @ApiProperty({ example: '2026-12-31', format: 'date', maxLength: 10, description: 'Last day, inclusive (UTC); not before `from`, within REPORT_MAX_DAYS of it.' })
  @IsCalendarDate()
  @IsReportRange()
  to: string;
}

export class SalesReportQueryDto extends ReportRangeQueryDto {
  @ApiPropertyOptional({ enum: REPORT_INTERVALS, default: 'day' })
  @IsOptional()
  @IsIn(REPORT_INTERVALS)
  interval: ReportInterval = 'day';
}

export class TopProductsQueryDto extends ReportRangeQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 10 })
  @IsOptional()
  @DecimalInteger()
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 10;
}
