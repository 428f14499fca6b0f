import { Module } from '@nestjs/common';
import { GetSalesReport } from '../../application/reporting/get-sales-report';
import { GetTopProducts } from '../../application/reporting/get-top-products';
import { ReportLimits } from '../../application/reporting/report-limits';
import { SalesReports } from '../../application/reporting/sales-reports';
import { AppConfig } from '../../infrastructure/config/app-config';
import { SqlSalesReports } from '../../infrastructure/persistence/reporting/sql-sales-reports';
import { ReportRangeConstraint } from './dto/report-range.constraint';
import { ReportsController } from './reports.controller';

/** Reporting: read-only aggregates over payments and orders, for admins. */
@Module({
  controllers: [ReportsController],
  providers: [
    { provide: SalesReports, useClass: SqlSalesReports },
    { provide: ReportLimits, inject: [AppConfig], useFactory: (config: AppConfig): ReportLimits => ({ maxRangeDays: config.reportMaxDays }) },
    GetSalesReport,
    GetTopProducts,
    ReportRangeConstraint,
  ],
})
export class ReportingModule {}
