import { RefusalLogSampler } from './refusal-log-sampler';

describe('RefusalLogSampler', () => {
  it('logs the first refusal of a client, then one a second with the number left unlogged', () => {
    const sampler = new RefusalLogSampler();
    expect(sampler.sample('client', 0)).toEqual({ log: true, unlogged: 0 });
    for (let t = 1; t <= 50; t++) expect(sampler.sample('client', t * 10).log).toBe(false);
    expect(sampler.sample('client', 999)).toEqual({ log: false, unlogged: 51 });
    expect(sampler.sample('client', 1_000)).toEqual({ log: true, unlogged: 51 });
    expect(sampler.sample('client', 1_001)).toEqual({ log: false, unlogged: 1 });
  });

  it('keeps clients apart', () => {
    const sampler = new RefusalLogSampler();
    expect(sampler.sample('one', 0).log).toBe(true);
    expect(sampler.sample('another', 1).log).toBe(true);
    expect(sampler.sample('one', 2).log).toBe(false);
  });
});
