import { Global, Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { HttpMetrics } from './http-metrics';
import { createMetricsRegistry } from './metrics.registry';
import { PoolMetrics } from './pool-metrics';

@Global()
@Module({
  providers: [{ provide: Registry, useFactory: createMetricsRegistry }, HttpMetrics, PoolMetrics],
  exports: [Registry, HttpMetrics, PoolMetrics],
})
export class MetricsModule {}
