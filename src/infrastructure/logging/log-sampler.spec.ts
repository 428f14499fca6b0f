import { LogSampler } from './log-sampler';

describe('LogSampler', () => {
  it('logs the first refusal on a route, then one a second with the number left unlogged', () => {
    const sampler = new LogSampler();
    expect(sampler.sample('GET /api/v1/products', 0)).toEqual({ log: true, unlogged: 0 });
    for (let t = 1; t <= 50; t++) expect(sampler.sample('GET /api/v1/products', t * 10).log).toBe(false);
    expect(sampler.sample('GET /api/v1/products', 999)).toEqual({ log: false, unlogged: 51 });
    expect(sampler.sample('GET /api/v1/products', 1_000)).toEqual({ log: true, unlogged: 51 });
    expect(sampler.sample('GET /api/v1/products', 1_001)).toEqual({ log: false, unlogged: 1 });
  });

  it('keeps routes apart', () => {
    const sampler = new LogSampler();
    expect(sampler.sample('GET /api/v1/products', 0).log).toBe(true);
    expect(sampler.sample('POST /api/v1/auth/login', 1).log).toBe(true);
    expect(sampler.sample('GET /api/v1/products', 2).log).toBe(false);
  });
});
