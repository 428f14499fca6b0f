import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';

type Labels = 'method' | 'route' | 'status';

/** One label combination's series, looked up once. */
interface Series {
  requests: ReturnType<Counter<Labels>['labels']>;
  duration: ReturnType<Histogram<Labels>['labels']>;
}

/**
 * Request counts and latency by method, route pattern (never the raw URL: ids would explode cardinality) and
 * status. The series of each combination, a small fixed set, are kept, so a request does not hash its labels twice.
 */
@Injectable()
export class HttpMetrics {
  private readonly requests: Counter<Labels>;
  private readonly duration: Histogram<Labels>;
  private readonly series = new Map<string, Series>();

  constructor(registry: Registry) {
    this.requests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
  }

  record(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${route} ${status}`;
    let series = this.series.get(key);
    if (!series) {
      const labels = { method, route, status: String(status) };
      series = { requests: this.requests.labels(labels), duration: this.duration.labels(labels) };
      this.series.set(key, series);
    }
    series.requests.inc();
    series.duration.observe(seconds);
  }
}
