import { setTimeout as sleep } from 'node:timers/promises';
import { answerWithin, NO_ANSWER } from './within-deadline';

describe('answerWithin', () => {
  it('gives the answer that comes in time, and leaves the call alone', async () => {
    let given: AbortSignal | undefined;
    const answer = await answerWithin(async (signal) => {
      given = signal;
      return 'answered';
    }, 1_000);
    expect(answer).toBe('answered');
    expect(given?.aborted).toBe(false);
  });

  it('gives NO_ANSWER at the deadline and abandons the call through its signal, whose rejection then goes nowhere', async () => {
    let given: AbortSignal | undefined;
    const started = Date.now();
    const answer = await answerWithin((signal) => {
      given = signal;
      return sleep(60_000, 'too late', { signal });
    }, 20);
    expect(answer).toBe(NO_ANSWER);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(given?.aborted).toBe(true);
    expect(String(given?.reason)).toMatch(/no answer within 20 ms/);
    await sleep(10); // the abandoned call's AbortError has settled by now, handled by the race
  });

  it('passes on a failure that comes in time', async () => {
    await expect(answerWithin(async () => Promise.reject(new Error('refused')), 1_000)).rejects.toThrow('refused');
  });
});
