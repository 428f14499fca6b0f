import { Injectable } from '@nestjs/common';
import { type ReportInterval, ReportRange } from '../../domain/reporting/report-range';
import { addExactly } from '../../domain/reporting/report-sums';
import { StoreCurrency } from '../shared/store-currency';
import { ReportLimits } from './report-limits';
import { type SalesBucket, SalesReports } from './sales-reports';

export interface SalesReport {
  readonly from: string;
  readonly to: string;
  readonly interval: ReportInterval;
  readonly currency: string;
  readonly buckets: SalesBucket[];
  readonly totals: { orders: number; gross: number; refunds: number; net: number };
}

@Injectable()
export class GetSalesReport {
  constructor(
    private readonly reports: SalesReports,
    private readonly limits: ReportLimits,
    private readonly currency: StoreCurrency,
  ) {}

  async execute(input: { from: string; to: string; interval: ReportInterval }): Promise<SalesReport> {
    const range = ReportRange.parse(input.from, input.to, this.limits.maxRangeDays);
    const buckets = await this.reports.sales(range, input.interval);
    const totals = buckets.reduce(
      (sum, bucket) => ({
        orders: sum.orders + bucket.orders,
        gross: addExactly(sum.gross, bucket.gross),
        refunds: addExactly(sum.refunds, bucket.refunds),
        net: addExactly(sum.net, bucket.net),
      }),
      { orders: 0, gross: 0, refunds: 0, net: 0 },
    );
    return { from: range.from, to: range.to, interval: input.interval, currency: this.currency.code, buckets, totals };
  }
}
