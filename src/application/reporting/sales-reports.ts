import type { ReportInterval, ReportRange } from '../../domain/reporting/report-range';

export interface SalesBucket {
  /** The first day of the period, YYYY-MM-DD (weeks start on Monday). */
  readonly period: string;
  readonly orders: number;
  readonly gross: number;
  readonly refunds: number;
  readonly net: number;
  readonly averageOrderValue: number;
}

export interface TopProduct {
  readonly productId: string;
  readonly sku: string;
  readonly name: string;
  readonly unitsSold: number;
  readonly revenue: number;
}

/**
 * The read side of sales: aggregates computed by the database, never by loading rows. Gross counts succeeded
 * payments by the time they were settled, refunds by theirs; every period of the range is present.
 */
export abstract class SalesReports {
  abstract sales(range: ReportRange, interval: ReportInterval): Promise<SalesBucket[]>;
  abstract topProducts(range: ReportRange, limit: number): Promise<TopProduct[]>;
}
