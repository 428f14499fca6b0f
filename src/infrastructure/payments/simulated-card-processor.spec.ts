import { SimulatedCardProcessor } from './simulated-card-processor';

describe('SimulatedCardProcessor', () => {
  const slow = () => new SimulatedCardProcessor({ milliseconds: 60_000 });
  const charge = { reference: 'tx-1', amount: 1000, currency: 'USD', paymentMethod: 'pm_card_visa' };

  it('stops waiting for an answer it was told to abandon, while the charge it received stays recorded', async () => {
    const processor = slow();
    const abandon = new AbortController();
    const started = Date.now();
    const answer = processor.charge(charge, abandon.signal);
    abandon.abort(new Error('no answer within 20 ms'));
    await expect(answer).rejects.toThrow(/abort/i);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await processor.find(charge.reference)).toEqual({ status: 'succeeded', gatewayReference: expect.stringMatching(/^ch_/) });
  });

  it('abandons a refund the same way', async () => {
    const processor = slow();
    const refund = { reference: 'tx-2', chargeReference: 'ch_1', amount: 300, currency: 'USD' };
    const answer = processor.refund(refund, AbortSignal.abort());
    await expect(answer).rejects.toThrow(/abort/i);
    expect(await processor.find(refund.reference)).toEqual({ status: 'succeeded', gatewayReference: expect.stringMatching(/^re_/) });
  });

  it('answers a retry of an abandoned charge with the charge it made, never a second one', async () => {
    const latency = { milliseconds: 60_000 };
    const processor = new SimulatedCardProcessor(latency);
    await expect(processor.charge(charge, AbortSignal.abort())).rejects.toThrow(/abort/i);
    const made = await processor.find(charge.reference);
    latency.milliseconds = 0; // the processor answers the retry at once
    expect(await processor.charge(charge)).toEqual(made);
  });
});
