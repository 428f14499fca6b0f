import type { ChargeOutcome } from '../../src/application/payments/payment-gateway';
import { Clock, MikroORM, PaymentGateway, PaymentReconciliationScheduler, ReconcilePendingTransactions, RequestContext, SimulatedCardProcessor } from '../support/built';
import { anOrder, asAdmin, newCustomer, pay, refund } from '../support/journeys';
import { ManualClock } from '../support/manual-clock';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The simulated processor, with a switch that makes the process "die" right after the processor charged:
 * the charge happened, but the answer never reaches the application.
 */
class GatewayThatLosesAnswers {
  readonly processor = new SimulatedCardProcessor({ milliseconds: 0 });
  charges = 0;
  loseNextAnswer = false;

  async charge(request: { reference: string; amount: number; currency: string; paymentMethod: string }): Promise<ChargeOutcome> {
    const known = await this.processor.find(request.reference);
    const outcome = await this.processor.charge(request);
    if (!known && outcome.status === 'succeeded') this.charges++;
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      throw new Error('the process was killed after the processor charged');
    }
    return outcome;
  }

  refund(request: { reference: string; chargeReference: string; amount: number; currency: string }): Promise<ChargeOutcome> {
    return this.processor.refund(request);
  }

  find(reference: string, _signal?: AbortSignal): Promise<ChargeOutcome | null> {
    return this.processor.find(reference);
  }
}

describe('Reconciliation of payments interrupted mid-way', () => {
  let t: TestApp;
  const gateway = new GatewayThatLosesAnswers();
  const clock = new ManualClock();
  // The test sweeps itself (the app's own sweep could take a payment first) once its clock is past the grace.
  const reconcile = () => {
    clock.advance(2);
    return t.app.get(PaymentReconciliationScheduler).job.runOnce();
  };
  beforeAll(async () => {
    t = await startTestApp({
      env: { PAYMENT_RECONCILE_AFTER_SECONDS: '1', PAYMENT_RECONCILE_SWEEP_SECONDS: '86400' },
      override: (builder) => builder.overrideProvider(PaymentGateway).useValue(gateway).overrideProvider(Clock).useValue(clock),
    });
  });
  afterAll(() => t.close());

  it('leaves a pending transaction that reconciliation settles through the gateway, with no double charge', async () => {
    const admin = await asAdmin(t.http);
    const customer = await newCustomer(t.http);
    const order = await anOrder(t.http, admin.token, customer, 4200);
    gateway.loseNextAnswer = true;
    const interrupted = await pay(t.http, customer.token, order.id, 'pm_card_visa', 'interrupted-payment');
    expect(interrupted.status).toBe(500);

    const pending = await t.http.get(`/api/v1/transactions?orderId=${order.id}`, { token: admin.token });
    expect(pending.body.items).toEqual([expect.objectContaining({ status: 'pending', settledAt: null })]);
    // The client retries with its key: told that payment's outcome is not known yet (the 504 of a timeout), not
    // charged again; a cancel waits for the settlement too.
    const retry = await pay(t.http, customer.token, order.id, 'pm_card_visa', 'interrupted-payment');
    expect([retry.status, retry.body.type, retry.body.transactionId]).toEqual([504, expect.stringMatching(/payment-outcome-unknown$/), pending.body.items[0].id]);
    expect((await t.http.post(`/api/v1/orders/${order.id}/cancel`, undefined, { token: customer.token })).status).toBe(409);

    expect(await reconcile()).toBe(1);

    const settled = await t.http.get(`/api/v1/transactions?orderId=${order.id}`, { token: admin.token });
    expect(settled.body.items).toEqual([
      expect.objectContaining({ id: pending.body.items[0].id, status: 'succeeded', gatewayReference: expect.stringMatching(/^ch_/) }),
    ]);
    expect((await t.http.get(`/api/v1/orders/${order.id}`, { token: customer.token })).body.status).toBe('paid');
    expect(gateway.charges).toBe(1);
    expect((await pay(t.http, customer.token, order.id, 'pm_card_visa', 'after-reconciliation')).status).toBe(409);
  });

  it('fails a pending transaction the gateway never received, so nothing was charged and the order stays payable', async () => {
    const admin = await asAdmin(t.http);
    const customer = await newCustomer(t.http);
    const order = await anOrder(t.http, admin.token, customer);
    const chargesBefore = gateway.charges;
    const lost = gateway.charge.bind(gateway);
    // The process dies before the call reaches the processor.
    gateway.charge = async () => {
      gateway.charge = lost;
      throw new Error('the process was killed before calling the processor');
    };
    expect((await pay(t.http, customer.token, order.id)).status).toBe(500);
    expect(await reconcile()).toBe(1);
    const history = await t.http.get(`/api/v1/transactions?orderId=${order.id}`, { token: admin.token });
    expect(history.body.items).toEqual([expect.objectContaining({ status: 'failed', failureCode: 'not_received' })]);
    expect(gateway.charges).toBe(chargesBefore);
    expect((await pay(t.http, customer.token, order.id)).status).toBe(201);
  });

  /** Payments whose answers were lost, one per new customer, oldest first: their pending transactions' ids. */
  const interruptedPayments = async (count: number): Promise<string[]> => {
    const admin = await asAdmin(t.http);
    const ids = [];
    for (let i = 0; i < count; i++) {
      const customer = await newCustomer(t.http);
      const order = await anOrder(t.http, admin.token, customer);
      gateway.loseNextAnswer = true;
      expect((await pay(t.http, customer.token, order.id)).status).toBe(500);
      ids.push((await t.http.get(`/api/v1/transactions?orderId=${order.id}`, { token: admin.token })).body.items[0].id as string);
    }
    return ids;
  };
  const statusOf = async (transactionId: string) => (await t.http.get(`/api/v1/transactions/${transactionId}`, { token: (await asAdmin(t.http)).token })).body.status;

  // The sweep took the oldest pending transactions first and gave up its run at the first lookup that failed, and a
  // lookup had no deadline: one transaction the processor could not answer for held every later one pending (its
  // order neither payable, cancellable nor expired) for good.
  it('settles the later stale transactions when the processor cannot be asked about earlier ones, and asks about those again once their claims run out, after the others', async () => {
    const [refused, unanswered, answered] = await interruptedPayments(3);
    const find = gateway.find;
    const abandoned: string[] = [];
    // The lookup that never answers ends when it is abandoned, as a processor's HTTP call given the signal would.
    const hung = (reference: string, signal?: AbortSignal) =>
      new Promise<null>((_, reject) =>
        signal?.addEventListener('abort', () => {
          abandoned.push(reference);
          reject(signal.reason);
        }),
      );
    gateway.find = (reference, signal) =>
      reference === refused ? Promise.reject(new Error('lookup refused')) : reference === unanswered ? hung(reference, signal) : find.call(gateway, reference);
    try {
      expect(await reconcile()).toBe(1);
      expect(abandoned).toEqual([unanswered]);
      expect([await statusOf(refused), await statusOf(unanswered), await statusOf(answered)]).toEqual(['pending', 'pending', 'succeeded']);
      const warnings = t.logs.filter((line) => line.context === 'PaymentReconciliation' && line.level === 40).map((line) => line.transactionId);
      expect(warnings).toEqual([refused, unanswered]);
    } finally {
      gateway.find = find;
    }
    expect(await reconcile()).toBe(0); // claimed: asked again once the claim runs out, not at every sweep
    clock.advance(11); // a claim lasts twice the payment call's deadline (0.5 s here) and 10 s more
    // Their claims ran out; a transaction never asked about is asked first, though newer: those the processor could
    // not answer for, taken oldest first again, would hold up every other if their lookups kept failing.
    const [newer] = await interruptedPayments(1);
    const asked: string[] = [];
    gateway.find = (reference) => {
      asked.push(reference);
      return find.call(gateway, reference);
    };
    try {
      expect(await reconcile()).toBe(3);
    } finally {
      gateway.find = find;
    }
    expect(asked).toEqual([newer, refused, unanswered]);
    expect([await statusOf(refused), await statusOf(unanswered), await statusOf(newer)]).toEqual(['succeeded', 'succeeded', 'succeeded']);
  });

  // Claimed under SKIP LOCKED in a transaction that committed before any lookup, the rows were claimed by nothing:
  // every instance's sweep asked the processor about the same transactions.
  it('asks the processor once about each stale transaction when two sweeps run at once', async () => {
    const pending = await interruptedPayments(3);
    const find = gateway.find;
    const asked: string[] = [];
    gateway.find = async (reference) => {
      asked.push(reference);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return find.call(gateway, reference);
    };
    try {
      clock.advance(2);
      const other = () => RequestContext.create(t.app.get(MikroORM).em, () => t.app.get(ReconcilePendingTransactions).execute());
      const [one, two] = await Promise.all([t.app.get(PaymentReconciliationScheduler).job.runOnce(), other()]);
      expect(asked.sort()).toEqual([...pending].sort());
      expect(one + two.settled).toBe(3);
    } finally {
      gateway.find = find;
    }
  });
});

describe('A processor slower than the request waits for', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The processor charges on arrival and answers after 1.5 s; a request waits 300 ms; reconciliation after 1 s.
    t = await startTestApp({
      env: { PAYMENT_GATEWAY_LATENCY_MS: '1500', PAYMENT_GATEWAY_TIMEOUT_MS: '300', PAYMENT_RECONCILE_AFTER_SECONDS: '1', PAYMENT_RECONCILE_SWEEP_SECONDS: '86400' },
    });
  });
  afterAll(() => t.close());

  // Real time, not a manual clock: the processor's answer takes real time too. The test sweeps itself.
  const reconcile = async () => {
    await new Promise((resolve) => setTimeout(resolve, 1100));
    return t.app.get(PaymentReconciliationScheduler).job.runOnce();
  };

  it('answers 504 naming the pending payment, never charges again for its key, and reconciliation records the charge', async () => {
    const admin = await asAdmin(t.http);
    const customer = await newCustomer(t.http);
    const order = await anOrder(t.http, admin.token, customer, 2500);
    const unanswered = await pay(t.http, customer.token, order.id, 'pm_card_visa', 'slow-payment');
    expect(unanswered.status).toBe(504);
    expect(unanswered.body).toMatchObject({ type: expect.stringMatching(/payment-outcome-unknown$/), transactionId: expect.any(String) });
    // The same key replays the 504 (the charge may have happened); another key finds the payment under way.
    expect((await pay(t.http, customer.token, order.id, 'pm_card_visa', 'slow-payment')).text).toBe(unanswered.text);
    expect((await pay(t.http, customer.token, order.id, 'pm_card_mastercard')).body.type).toMatch(/payment-in-progress$/);

    expect(await reconcile()).toBe(1);
    const history = await t.http.get(`/api/v1/transactions?orderId=${order.id}`, { token: admin.token });
    expect(history.body.items).toEqual([expect.objectContaining({ id: unanswered.body.transactionId, status: 'succeeded', gatewayReference: expect.stringMatching(/^ch_/) })]);
    expect((await t.http.get(`/api/v1/orders/${order.id}`, { token: customer.token })).body.status).toBe('paid');
  });

  it('answers 504 for a refund without an answer, replays it for its key, and reconciliation records the refund once', async () => {
    const admin = await asAdmin(t.http);
    const customer = await newCustomer(t.http);
    const order = await anOrder(t.http, admin.token, customer, 5000);
    expect((await pay(t.http, customer.token, order.id)).status).toBe(504);
    expect(await reconcile()).toBe(1);
    const unanswered = await refund(t.http, admin.token, order.id, 5000, 'slow-refund');
    expect(unanswered.status).toBe(504);
    expect((await refund(t.http, admin.token, order.id, 5000, 'slow-refund')).text).toBe(unanswered.text);
    // The pending refund counts against the paid amount: no second refund while its outcome is unknown.
    expect((await refund(t.http, admin.token, order.id, 5000)).status).toBe(409);

    expect(await reconcile()).toBe(1);
    const refunds = await t.http.get(`/api/v1/transactions?orderId=${order.id}&type=refund`, { token: admin.token });
    expect(refunds.body.items).toEqual([expect.objectContaining({ id: unanswered.body.transactionId, status: 'succeeded', amount: { amount: 5000, currency: 'USD' } })]);
    expect((await t.http.get(`/api/v1/orders/${order.id}`, { token: customer.token })).body.status).toBe('refunded');
  });
});
