import { MAX_DELIVERY_ATTEMPTS } from '../../domain/notifications/delivery-schedule';
import type { Clock } from '../shared/clock';
import { DeliverDueMails } from './deliver-due-mails';
import type { MailComposer } from './mail-composer';
import { type ClaimedMail, MailQueue, type QueuedMail } from './mail-queue';
import type { Mailer, MailMessage } from './mailer';

const now = new Date('2026-01-01T00:00:00Z');

/** The queue's contract in memory: one mail, its attempts counted by claims. */
class OneMailQueue extends MailQueue {
  state: { status: 'pending' | 'sent' | 'failed'; attempts: number; dueAt: Date; error?: string };

  constructor(readonly mail: QueuedMail & { id: string }) {
    super();
    this.state = { status: 'pending', attempts: 0, dueAt: now };
  }

  async enqueue(): Promise<void> {}

  async claimDue(at: Date, leaseUntil: Date): Promise<ClaimedMail[]> {
    if (this.state.status !== 'pending' || this.state.dueAt > at) return [];
    this.state = { ...this.state, attempts: this.state.attempts + 1, dueAt: leaseUntil };
    return [{ ...this.mail, attempts: this.state.attempts }];
  }

  async markSent(): Promise<void> {
    this.state = { ...this.state, status: 'sent' };
  }

  async retryAt(_id: string, at: Date, error: string): Promise<void> {
    this.state = { ...this.state, dueAt: at, error };
  }

  async markFailed(_id: string, error: string): Promise<void> {
    this.state = { ...this.state, status: 'failed', error };
  }
}

describe('DeliverDueMails', () => {
  const composer: MailComposer = { compose: async ({ to, template }) => ({ to, subject: template, text: 'body', html: '<p>body</p>' }) };
  const clock: Clock = { now: () => now };
  const setup = (send: (message: MailMessage) => Promise<void>) => {
    const queue = new OneMailQueue({ id: 'm1', key: 'e1:order-receipt', template: 'order-receipt', to: 'a@example.com', params: {} });
    const mailer: Mailer = { send };
    return { queue, deliver: new DeliverDueMails(queue, composer, mailer, clock) };
  };

  it('sends a due mail and marks it sent', async () => {
    const sent: MailMessage[] = [];
    const { queue, deliver } = setup(async (message) => void sent.push(message));
    expect(await deliver.execute()).toEqual({ sent: 1, failures: [] });
    expect(sent).toEqual([{ to: 'a@example.com', subject: 'order-receipt', text: 'body', html: '<p>body</p>' }]);
    expect(queue.state.status).toBe('sent');
  });

  it('retries a failed send 10 s later, and gives the mail up after the last attempt', async () => {
    const { queue, deliver } = setup(async () => {
      throw new Error('451 Try again later');
    });
    expect(await deliver.execute()).toEqual({
      sent: 0,
      failures: [{ key: 'e1:order-receipt', template: 'order-receipt', attempts: 1, error: '451 Try again later', gaveUp: false }],
    });
    expect(queue.state).toMatchObject({ status: 'pending', dueAt: new Date(now.getTime() + 10_000) });

    let last;
    for (let attempt = 2; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      queue.state.dueAt = now; // as if its time had come
      last = await deliver.execute();
    }
    expect(last?.failures).toEqual([expect.objectContaining({ attempts: MAX_DELIVERY_ATTEMPTS, gaveUp: true })]);
    expect(queue.state).toMatchObject({ status: 'failed', attempts: MAX_DELIVERY_ATTEMPTS, error: '451 Try again later' });
  });
});
