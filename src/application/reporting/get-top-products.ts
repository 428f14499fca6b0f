import { Injectable } from '@nestjs/common';
import { ReportRange } from '../../domain/reporting/report-range';
import { ReportLimits } from './report-limits';
import { SalesReports, type TopProduct } from './sales-reports';

/** Products by revenue from orders paid in the range. */
@Injectable()
export class GetTopProducts {
  constructor(
    private readonly reports: SalesReports,
    private readonly limits: ReportLimits,
  ) {}

  execute(input: { from: string; to: string; limit: number }): Promise<TopProduct[]> {
    return this.reports.topProducts(ReportRange.parse(input.from, input.to, this.limits.maxRangeDays), input.limit);
  }
}
