/**
 * The shipped artifact, dist/bundle.js (relative to the working directory, the repository root), typed from its
 * entry: benchmarks measure what production runs, and tsx cannot emit the decorator metadata Nest's dependency
 * injection reads.
 */
import { resolve } from 'node:path';
import type * as Bundle from '../src/bundle';

export const { createApp, loadConfig, SALES_BY_PERIOD_SQL, salesByPeriodParams, AccessTokenIssuer, ReportRange, MikroORM } = require(
  resolve('dist/bundle.js'),
) as typeof Bundle;
