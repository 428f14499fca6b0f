import { MAX_DELIVERY_ATTEMPTS } from '../../domain/notifications/delivery-schedule';
import type { Clock } from '../shared/clock';
import { DeliverDueMails, MAIL_LEASE_MS, SEND_DEADLINE_MS } from './deliver-due-mails';
import type { MailComposer } from './mail-composer';
import { type ClaimedMail, MailQueue, type QueuedMail } from './mail-queue';
import type { Mailer, MailMessage } from './mailer';

const start = new Date('2026-01-01T00:00:00Z');

interface Row {
  mail: QueuedMail & { id: string };
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  dueAt: Date;
  leasedUntil: Date | null;
  error?: string;
}

/** The queue's contract in memory: claims lease one mail and count its attempt; outcomes are fenced by the attempt. */
class MemoryMailQueue extends MailQueue {
  readonly rows: Row[];

  constructor(mails: Array<QueuedMail & { id: string }>) {
    super();
    this.rows = mails.map((mail) => ({ mail, status: 'pending', attempts: 0, dueAt: start, leasedUntil: null }));
  }

  async enqueue(): Promise<void> {}

  async claimNext(now: Date, leaseUntil: Date): Promise<ClaimedMail | undefined> {
    const row = this.rows.find((candidate) => candidate.status === 'pending' && candidate.dueAt <= now && (!candidate.leasedUntil || candidate.leasedUntil <= now));
    if (!row) return undefined;
    row.attempts += 1;
    row.leasedUntil = leaseUntil;
    return { ...row.mail, attempts: row.attempts };
  }

  private record(mail: ClaimedMail, change: Partial<Row>): boolean {
    const row = this.rows.find((candidate) => candidate.mail.id === mail.id && candidate.attempts === mail.attempts);
    if (!row) return false;
    Object.assign(row, change, { leasedUntil: null });
    return true;
  }

  async markSent(mail: ClaimedMail): Promise<boolean> {
    return this.record(mail, { status: 'sent' });
  }

  async retryAt(mail: ClaimedMail, at: Date, error: string): Promise<boolean> {
    return this.record(mail, { dueAt: at, error });
  }

  async markFailed(mail: ClaimedMail, error: string): Promise<boolean> {
    return this.record(mail, { status: 'failed', error });
  }

  async purgeFinished(): Promise<number> {
    return 0;
  }
}

describe('DeliverDueMails', () => {
  const composer: MailComposer = { compose: async ({ to, template }) => ({ to, subject: template, text: 'body', html: '<p>body</p>' }) };
  const mailNumbered = (n: number) => ({ id: `m${n}`, key: `e${n}:order-receipt`, template: 'order-receipt', to: `${n}@example.com`, params: {} });
  const setup = (send: (message: MailMessage, signal: AbortSignal) => Promise<void>, count = 1) => {
    let now = start;
    const clock: Clock & { advance(ms: number): void } = { now: () => now, advance: (ms) => (now = new Date(now.getTime() + ms)) };
    const queue = new MemoryMailQueue(Array.from({ length: count }, (_, i) => mailNumbered(i + 1)));
    const mailer: Mailer = { send };
    return { queue, clock, deliver: new DeliverDueMails(queue, composer, mailer, clock) };
  };

  it('sends a due mail and marks it sent', async () => {
    const sent: MailMessage[] = [];
    const { queue, deliver } = setup(async (message) => void sent.push(message));
    expect(await deliver.execute()).toEqual({ sent: 1, failures: [] });
    expect(sent).toEqual([{ to: '1@example.com', subject: 'order-receipt', text: 'body', html: '<p>body</p>' }]);
    expect(queue.rows[0].status).toBe('sent');
  });

  it('retries a failed send 10 s later, and gives the mail up after the last attempt', async () => {
    const { queue, deliver } = setup(async () => {
      throw new Error('451 Try again later');
    });
    expect(await deliver.execute()).toEqual({
      sent: 0,
      failures: [{ key: 'e1:order-receipt', template: 'order-receipt', attempts: 1, error: '451 Try again later', gaveUp: false }],
    });
    expect(queue.rows[0]).toMatchObject({ status: 'pending', dueAt: new Date(start.getTime() + 10_000), leasedUntil: null });

    let last;
    for (let attempt = 2; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      queue.rows[0].dueAt = start; // as if its time had come
      last = await deliver.execute();
    }
    expect(last?.failures).toEqual([expect.objectContaining({ attempts: MAX_DELIVERY_ATTEMPTS, gaveUp: true })]);
    expect(queue.rows[0]).toMatchObject({ status: 'failed', attempts: MAX_DELIVERY_ATTEMPTS, error: '451 Try again later' });
  });

  it('leases each mail just before its send, for longer than the send may take, however long the mails before it took', async () => {
    const leaseLeftAtSend: number[] = [];
    const { queue, clock, deliver } = setup(async (message) => {
      const row = queue.rows.find((candidate) => candidate.mail.to === message.to)!;
      leaseLeftAtSend.push(row.leasedUntil!.getTime() - clock.now().getTime());
      clock.advance(SEND_DEADLINE_MS - 1); // each send takes nearly all the time it may
    }, 5);
    // A run claims for at most MAX_RUN_MS: the runs after it carry on.
    let sent = 0;
    for (let run = 0; run < 5 && sent < 5; run++) sent += (await deliver.execute()).sent;
    expect(sent).toBe(5);
    expect(leaseLeftAtSend).toEqual(Array(5).fill(MAIL_LEASE_MS));
    expect(MAIL_LEASE_MS).toBeGreaterThan(SEND_DEADLINE_MS);
  });

  it('gives each send a deadline that aborts it before its lease runs out', async () => {
    const signals: AbortSignal[] = [];
    const { deliver } = setup(async (_message, signal) => {
      signals.push(signal);
      await new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    });
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    try {
      const run = deliver.execute();
      await jest.advanceTimersByTimeAsync(SEND_DEADLINE_MS);
      const { failures } = await run;
      expect(signals).toHaveLength(1);
      expect(signals[0].aborted).toBe(true);
      expect(failures).toEqual([expect.objectContaining({ error: 'Not sent within 30 s: abandoned', gaveUp: false })]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('records nothing of an attempt whose mail was claimed again meanwhile', async () => {
    const { queue, clock, deliver } = setup(async () => {
      clock.advance(MAIL_LEASE_MS); // the lease ran out (the process stalled) ...
      await queue.claimNext(clock.now(), new Date(clock.now().getTime() + MAIL_LEASE_MS)); // ... and another instance claimed the mail
      throw new Error('451 Try again later');
    });
    expect((await deliver.execute()).failures).toEqual([expect.objectContaining({ attempts: 1, gaveUp: false })]);
    expect(queue.rows[0]).toMatchObject({ status: 'pending', attempts: 2, dueAt: start });
    expect(queue.rows[0].error).toBeUndefined();
    expect(queue.rows[0].leasedUntil).not.toBeNull();
  });

  it('claims no further mail once stopping: shutdown waits for the send under way, not the backlog', async () => {
    let stopping = false;
    const { queue, deliver } = setup(async () => {
      stopping = true;
    }, 3);
    expect(await deliver.execute(() => stopping)).toEqual({ sent: 1, failures: [] });
    expect(queue.rows.map((row) => [row.status, row.attempts])).toEqual([['sent', 1], ['pending', 0], ['pending', 0]]);
  });
});
