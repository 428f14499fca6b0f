import { setTimeout as sleep } from 'node:timers/promises';
import { OutboxRelay } from './built';
import type { TestApp } from './test-app';

/**
 * Relays every event in the outbox now rather than on the relay's interval, for what consumers of events show. The
 * app's own relay may hold the relay lock mid-batch (a pass here then relays nothing): wait until nothing is left
 * unpublished, which in-process delivery means its consumers' work is committed too.
 */
export async function relayAll(t: Pick<TestApp, 'app'>): Promise<void> {
  const relay = t.app.get(OutboxRelay);
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; ) {
    if ((await relay.relayOnce()) > 0) continue;
    if ((await relay.backlog()) === 0) return;
    await sleep(20);
  }
  throw new Error(`relayAll: ${await relay.backlog()} event(s) still unpublished after 15 s`);
}
