import { ApiProperty } from '@nestjs/swagger';
import type { SalesReport } from '../../../application/reporting/get-sales-report';
import { REPORT_INTERVALS, type ReportInterval } from '../../../domain/reporting/report-range';
import { MoneyDto, SignedMoneyDto } from '../../shared/money.dto';

export class SalesTotalsDto {
  @ApiProperty({ type: 'integer', example: 42, minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'Succeeded payments.' })
  orders: number;

  @ApiProperty({ type: MoneyDto })
  gross: MoneyDto;

  @ApiProperty({ type: MoneyDto })
  refunds: MoneyDto;

  @ApiProperty({ type: SignedMoneyDto })
  net: SignedMoneyDto;
}

export class SalesBucketDto extends SalesTotalsDto {
  @ApiProperty({ example: '2026-01-05', format: 'date', maxLength: 10, description: 'First day of the period (weeks start on Monday).' })
  period: string;

  @ApiProperty({ type: MoneyDto, description: 'gross / orders, rounded to the minor unit; 0 without orders.' })
  averageOrderValue: MoneyDto;
}

export class SalesReportDto {
  @ApiProperty({ format: 'date', maxLength: 10 })
  from: string;

  @ApiProperty({ format: 'date', maxLength: 10 })
  to: string;

  @ApiProperty({ enum: REPORT_INTERVALS })
  interval: ReportInterval;

  @ApiProperty({ example: 'USD', pattern: '^[A-Z]{3}$', minLength: 3, maxLength: 3 })
  currency: string;

  @ApiProperty({ type: [SalesBucketDto], maxItems: 40_000 })
  buckets: SalesBucketDto[];

  @ApiProperty({ type: SalesTotalsDto })
  totals: SalesTotalsDto;

  static from(report: SalesReport): SalesReportDto {
    const money = (amount: number) => MoneyDto.of(amount, report.currency);
    return {
      from: report.from,
      to: report.to,
      interval: report.interval,
      currency: report.currency,
      buckets: report.buckets.map((b) => ({
        period: b.period,
        orders: b.orders,
        gross: money(b.gross),
        refunds: money(b.refunds),
        net: money(b.net),
        averageOrderValue: money(b.averageOrderValue),
      })),
      totals: { orders: report.totals.orders, gross: money(report.totals.gross), refunds: money(report.totals.refunds), net: money(report.totals.net) },
    };
  }
}
