import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { REPORT_INTERVALS, type ReportInterval } from '../../../domain/reporting/report-range';

const date = /^\d{4}-\d{2}-\d{2}$/;

export class ReportRangeQueryDto {
  @ApiProperty({ example: '2026-01-01', format: 'date', maxLength: 10, description: 'First day, inclusive (UTC).' })
  @Matches(date, { message: 'from must be a date as YYYY-MM-DD' })
  from: string;

  @ApiProperty({ example: '2026-12-31', format: 'date', maxLength: 10, description: 'Last day, inclusive (UTC).' })
  @Matches(date, { message: 'to must be a date as YYYY-MM-DD' })
  to: string;
}

export class SalesReportQueryDto extends ReportRangeQueryDto {
  @ApiPropertyOptional({ enum: REPORT_INTERVALS, default: 'day' })
  @IsOptional()
  @IsIn(REPORT_INTERVALS)
  interval: ReportInterval = 'day';
}

export class TopProductsQueryDto extends ReportRangeQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 10;
}
