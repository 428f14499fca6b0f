import { Client } from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { AcceptedRequests } from '../support/built';
import { newCustomer } from '../support/journeys';
import { startTestAppOnOwnPostgres } from '../support/test-app';

/**
 * A reset request is answered before its work runs, and the reply waits on no work at all: the work of an address
 * that has an account takes the account's row lock, so a burst for one address queues there, and a reply that
 * waited on it (past a number of requests in flight, say) would tell the address has an account.
 */
describe('A burst of password-reset requests for one address', () => {
  let t: Awaited<ReturnType<typeof startTestAppOnOwnPostgres>>;
  let holder: Client;
  beforeAll(async () => {
    t = await startTestAppOnOwnPostgres({ AUTH_THROTTLE_LIMIT: '1000' });
    holder = new Client({ connectionString: t.postgres.url });
    await holder.connect();
  }, 60_000);
  afterAll(async () => {
    await holder?.end();
    await t?.close();
  });

  it('is answered 202 at once, every request, while the account is locked by another transaction', async () => {
    const customer = await newCustomer(t.http, 'Probed');
    const burst = 40;
    await holder.query('begin');
    await holder.query('select id from users where id = $1 for update', [customer.userId]);
    try {
      const replies = Promise.all(Array.from({ length: burst }, () => t.http.post('/api/v1/auth/password-reset', { email: customer.email })));
      const answered = await Promise.race([replies.then((all) => all.map((reply) => reply.status)), sleep(10_000).then(() => 'still waiting on the lock')]);
      expect(answered).toEqual(Array(burst).fill(202));
    } finally {
      await holder.query('rollback');
    }
    await t.app.get(AcceptedRequests).drain();
    const { rows } = await holder.query<{ count: number }>("select count(*)::int as count from account_tokens where user_id = $1 and purpose = 'password_reset'", [customer.userId]);
    expect(rows[0].count).toBe(3); // the per-address limit, once the lock was let go
  });
});
