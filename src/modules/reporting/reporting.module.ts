import { Module, type OnModuleInit } from '@nestjs/common';
import { GetSalesReport } from '../../application/reporting/get-sales-report';
import { GetTopProducts } from '../../application/reporting/get-top-products';
import { ProductSalesLedger } from '../../application/reporting/product-sales-ledger';
import { RecordProductSales } from '../../application/reporting/record-product-sales';
import { ReportLimits } from '../../application/reporting/report-limits';
import { SalesReports } from '../../application/reporting/sales-reports';
import { EventSubscriptions } from '../../application/shared/domain-event-handler';
import { AppConfig } from '../../infrastructure/config/app-config';
import { SqlProductSalesLedger } from '../../infrastructure/persistence/reporting/sql-product-sales-ledger';
import { SqlSalesReports } from '../../infrastructure/persistence/reporting/sql-sales-reports';
import { ReportRangeConstraint } from './dto/report-range.constraint';
import { ReportsController } from './reports.controller';

/** Reporting: read-only aggregates over payments and orders, for admins, and the read model fed by `order.paid`. */
@Module({
  controllers: [ReportsController],
  providers: [
    { provide: SalesReports, useClass: SqlSalesReports },
    { provide: ReportLimits, inject: [AppConfig], useFactory: (config: AppConfig): ReportLimits => ({ maxRangeDays: config.reportMaxDays }) },
    { provide: ProductSalesLedger, useClass: SqlProductSalesLedger },
    GetSalesReport,
    GetTopProducts,
    RecordProductSales,
    ReportRangeConstraint,
  ],
})
export class ReportingModule implements OnModuleInit {
  constructor(
    private readonly subscriptions: EventSubscriptions,
    private readonly recorder: RecordProductSales,
  ) {}

  // On init, before any application bootstrap hook starts the outbox relay, so no event goes by unseen.
  onModuleInit(): Promise<void> {
    return this.subscriptions.subscribe(this.recorder);
  }
}
