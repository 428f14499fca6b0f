import type { SqlEntityManager } from '@mikro-orm/sql';
import { leaseSize, MikroORM, PostgresThrottlerStorage } from '../support/built';
import { ClusterClient } from '../support/cluster-client';
import { type RunningProcess, startInstance, startRedis } from '../support/service-processes';
import { startTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Where the rate-limit counters live when several instances share them, and what happens when that store is away. */
describe('Rate-limit stores', () => {
  describe('in PostgreSQL (no REDIS_URL)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
      if (t.database.kind !== 'postgresql') throw new Error('The cluster tests need PostgreSQL: set TEST_DATABASE_URL (npm run test:cluster does).');
    });
    afterAll(() => t.close());

    it('counts a fixed window, blocks past the limit, starts again when the block ends, and purges what expired', async () => {
      const storage = new PostgresThrottlerStorage(t.app.get(MikroORM));
      const hit = () => storage.increment('client-1', 300, 2, 600, 'auth');
      expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false, timeToBlockExpire: 0 });
      expect(await hit()).toMatchObject({ totalHits: 2, isBlocked: false });
      expect(await hit()).toMatchObject({ totalHits: 3, isBlocked: true, timeToBlockExpire: 1 });
      expect(await hit()).toMatchObject({ isBlocked: true });
      expect(await storage.increment('client-2', 300, 2, 600, 'auth')).toMatchObject({ totalHits: 1, isBlocked: false });
      await pause(700);
      expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false });
      await pause(400);
      const sql = t.app.get(MikroORM).em.fork() as SqlEntityManager;
      const counters = () => sql.execute("select key from rate_limit_counters where key like 'auth:client-%' order by key");
      expect(await counters()).toEqual([{ key: 'auth:client-1' }, { key: 'auth:client-2' }]);
      expect(await storage.purgeExpired()).toBeGreaterThanOrEqual(2);
      expect(await counters()).toEqual([]);
    });

    it('takes hits in leases under large limits: one write serves many requests, and never more than the limit passes', async () => {
      expect([100, 199, 200, 6_000, 1e9].map(leaseSize)).toEqual([1, 1, 2, 60, 100]);
      const [one, other] = [new PostgresThrottlerStorage(t.app.get(MikroORM)), new PostgresThrottlerStorage(t.app.get(MikroORM))]; // two instances
      const hit = (storage: InstanceType<typeof PostgresThrottlerStorage>) => storage.increment('lease-client', 60_000, 1_000, 60_000, 'default');
      const counter = async () =>
        (await (t.app.get(MikroORM).em.fork() as SqlEntityManager).execute<Array<{ hits: number }>>("select hits from rate_limit_counters where key = 'default:lease-client'"))[0].hits;

      const first = [];
      for (let i = 0; i < 25; i++) first.push((await hit(one)).totalHits);
      expect(first).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      expect(await counter()).toBe(30); // three leases of 10 hits, three writes

      // Both instances at once, well past the limit: the shared counter stops them at 1,000 between them,
      // at most a lease's worth early per instance (plus the one that crossed the limit).
      let passed = first.length;
      for (let round = 0; round < 60; round++) {
        const records = await Promise.all(Array.from({ length: 20 }, (_, i) => hit(i % 2 ? one : other)));
        const allowed = records.filter((record) => !record.isBlocked);
        expect(allowed.filter((record) => record.totalHits > 1_000)).toEqual([]);
        passed += allowed.length;
      }
      expect(passed).toBeLessThanOrEqual(1_000);
      expect(passed).toBeGreaterThanOrEqual(1_000 - 3 * 9);
      expect(await counter()).toBeGreaterThan(1_000);
    });

    it("hands out a lease's hits at once, without a statement, and leaves taking the next lease to increment", async () => {
      const storage = new PostgresThrottlerStorage(t.app.get(MikroORM));
      const hitNow = () => storage.incrementNow('now-client', 60_000, 1_000, 60_000, 'default');
      expect(hitNow()).toBeUndefined(); // no lease yet
      expect(await storage.increment('now-client', 60_000, 1_000, 60_000, 'default')).toMatchObject({ totalHits: 1, isBlocked: false });
      const statements = jest.spyOn(t.app.get(MikroORM).em.getConnection(), 'execute');
      expect(Array.from({ length: 9 }, () => hitNow()?.totalHits)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]); // a lease of 10
      expect(hitNow()).toBeUndefined();
      expect(statements).not.toHaveBeenCalled();
      statements.mockRestore();
    });
  });

  describe('in Redis (REDIS_URL)', () => {
    let database: TestDatabase;
    let redis: RunningProcess;
    let instance: Awaited<ReturnType<typeof startInstance>>;
    beforeAll(async () => {
      database = await createTestDatabase();
      if (!database.url) throw new Error('The cluster tests need PostgreSQL: set TEST_DATABASE_URL (npm run test:cluster does).');
      redis = await startRedis();
      instance = await startInstance({ DATABASE_URL: database.url, REDIS_URL: redis.url, AUTH_THROTTLE_LIMIT: '3' });
    }, 60_000);
    afterAll(async () => {
      await instance?.stop();
      await redis?.stop();
      await database?.drop();
    });

    it('limits while Redis is up, and lets requests through, uncounted and logged, while it is down', async () => {
      const api = new ClusterClient([instance.url]);
      const refresh = (ip: string) => api.post('/auth/refresh', { refreshToken: 'not-a-token' }, { ip });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await refresh('2001:db8::1')).status);
      expect(statuses).toEqual([401, 401, 401, 429]);

      await redis.stop('SIGKILL');
      // The client blocked before stays refused: its block is remembered by the instance, not asked of Redis.
      expect((await refresh('2001:db8::1')).status).toBe(429);
      // Another client (another /64: the limits count an IPv6 client by its /64) is let through, uncounted.
      const whileDown = [];
      for (let i = 0; i < 5; i++) whileDown.push((await refresh('2001:db8:0:1::2')).status);
      expect(whileDown).toEqual([401, 401, 401, 401, 401]);
      await instance.untilLogged('rate-limit store unavailable');
    });
  });
});
