/**
 * The built application (`nest build` output). Benchmarks measure what production runs, and tsx cannot emit
 * the decorator metadata Nest's dependency injection reads, so the app is loaded from dist/ (relative to the
 * working directory, the repository root), typed from src/.
 */
import { resolve } from 'node:path';
import type * as CreateApp from '../src/create-app';
import type * as Config from '../src/infrastructure/config/load-config';
import type * as SalesSql from '../src/infrastructure/persistence/reporting/sql-sales-reports';
import type * as Issuer from '../src/application/identity/access-token-issuer';
import type * as Range from '../src/domain/reporting/report-range';

const load = <T>(path: string): T => require(resolve('dist', path)) as T;

export const { createApp } = load<typeof CreateApp>('create-app');
export const { loadConfig } = load<typeof Config>('infrastructure/config/load-config');
export const { SALES_BY_PERIOD_SQL, salesByPeriodParams } = load<typeof SalesSql>('infrastructure/persistence/reporting/sql-sales-reports');
export const { AccessTokenIssuer } = load<typeof Issuer>('application/identity/access-token-issuer');
export const { ReportRange } = load<typeof Range>('domain/reporting/report-range');
