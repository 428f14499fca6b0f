import { collectDefaultMetrics, Registry } from 'prom-client';

/** One registry per application instance, so tests that start several apps never share counters. */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}
