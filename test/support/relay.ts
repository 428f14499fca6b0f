import type * as Relay from '../../src/infrastructure/events/outbox-relay';
import { loadBuilt } from './built';
import type { TestApp } from './test-app';

const { OutboxRelay } = loadBuilt<typeof Relay>('infrastructure/events/outbox-relay');

/** Relays every event in the outbox now rather than on the relay's interval, for what consumers of events show. */
export async function relayAll(t: Pick<TestApp, 'app'>): Promise<void> {
  while ((await t.app.get(OutboxRelay).relayOnce()) > 0);
}
