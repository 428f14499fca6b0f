import { Counter, Histogram, Registry } from 'prom-client';
import { HttpMetrics } from './http-metrics';

describe('HttpMetrics', () => {
  const requests: Array<[method: string, route: string, status: number, seconds: number]> = [
    ['GET', '/api/v1/products/:id', 200, 0.0004],
    ['GET', '/api/v1/products/:id', 200, 0.0025], // on a bound: counted in that bucket, as Prometheus defines `le`
    ['GET', '/api/v1/products/:id', 404, 0.003],
    ['POST', '/api/v1/orders', 201, 7],
    ['GET', 'unmatched', 404, 0.02],
  ];

  it("exposes exactly what prom-client's own Counter and Histogram expose for the same requests", async () => {
    const ours = new Registry();
    const metrics = new HttpMetrics(ours);
    const reference = new Registry();
    const labelNames = ['method', 'route', 'status'];
    const counter = new Counter({ name: 'http_requests_total', help: 'HTTP requests answered', labelNames, registers: [reference] });
    const histogram = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency',
      labelNames,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [reference],
    });
    for (const [method, route, status, seconds] of requests) {
      metrics.record(method, route, status, seconds);
      counter.inc({ method, route, status: String(status) });
      histogram.observe({ method, route, status: String(status) }, seconds);
    }
    const sorted = async (registry: Registry) => (await registry.metrics()).split('\n').sort();
    expect(await sorted(ours)).toEqual(await sorted(reference));
  });
});
