import { Controller, Get, Module } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SkipThrottle, Throttle, ThrottlerModule, type ThrottlerStorage } from '@nestjs/throttler';
import { declareMatchedRoute, noteMatchedRoute } from '../../infrastructure/http/matched-route';
import { RefusedClients } from '../../infrastructure/rate-limits/refused-clients';
import { SlidingWindowThrottlerStorage } from '../../infrastructure/rate-limits/sliding-window-throttler-storage';
import { ApiThrottler } from './api-throttler';
import { RateLimitGuard } from './rate-limit.guard';

@Controller('api/things')
class ThingsController {
  @Get('plain')
  plain() {
    return 'ok';
  }

  @SkipThrottle()
  @Get('unlimited')
  unlimited() {
    return 'ok';
  }

  @Get('other')
  other() {
    return 'ok';
  }

  @Throttle({ default: { limit: 1, ttl: 60_000 } })
  @Get('strict')
  strict() {
    return 'ok';
  }
}

/** The app with a store awaited as the library's is, or one that counts every hit at once (SlidingWindowThrottlerStorage). */
function thingsModule(storage?: ThrottlerStorage) {
  @Module({
    imports: [ThrottlerModule.forRoot({ throttlers: [{ name: 'default', limit: 3, ttl: 60_000 }], storage })],
    controllers: [ThingsController],
    providers: [RefusedClients, ApiThrottler, { provide: APP_GUARD, useClass: RateLimitGuard }],
  })
  class ThingsModule {}
  return ThingsModule;
}

describe.each([
  ['a store it awaits', () => undefined, false],
  ['a store that counts at once', () => new SlidingWindowThrottlerStorage(), true],
])('The rate-limit guard, with %s', (_, storage, countsAtOnce) => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(thingsModule(storage()), new FastifyAdapter(), { logger: false });
    const fastify = app.getHttpAdapter().getInstance();
    // What configureHttp's first hook does for the app: the limits go by the route a request matched.
    declareMatchedRoute(fastify);
    fastify.addHook('onRequest', (request, _reply, done) => {
      noteMatchedRoute(request);
      done();
    });
    app.get(RefusedClients).refuseEarly(fastify);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(() => app.close());

  const statuses = async (path: string, times: number) => {
    const replies = [];
    for (let i = 0; i < times; i++) replies.push(await app.inject({ method: 'GET', url: `/api/things/${path}` }));
    return replies.map((reply) => reply.statusCode);
  };

  it('limits an undecorated route by the configured limit, with its headers', async () => {
    const first = await app.inject({ method: 'GET', url: '/api/things/plain' });
    expect(first.headers).toMatchObject({ 'x-ratelimit-limit': '3', 'x-ratelimit-remaining': '2' });
    expect(await statuses('plain', 3)).toEqual([200, 200, 429]);
    // The guard remembered the refusal: the client's next request is refused before Nest, with the same header.
    const guard = jest.spyOn(RateLimitGuard.prototype, 'canActivate');
    const refused = await app.inject({ method: 'GET', url: '/api/things/plain' });
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBe(60);
    expect(guard).not.toHaveBeenCalled();
    guard.mockRestore();
  });

  // Nest awaits a guard's promise through steps of its own; a boolean it takes as it is.
  it(`answers ${countsAtOnce ? 'at once' : 'with a promise'} on an undecorated route`, async () => {
    const guard = jest.spyOn(RateLimitGuard.prototype, 'canActivate');
    expect((await app.inject({ method: 'GET', url: '/api/things/other' })).statusCode).toBe(200);
    expect(guard).toHaveBeenCalledTimes(1);
    const answer: unknown = guard.mock.results[0].value;
    expect(countsAtOnce ? answer : answer instanceof Promise).toBe(true);
    guard.mockRestore();
  });

  it('leaves the decorators to the library: @SkipThrottle and @Throttle still hold', async () => {
    expect(await statuses('unlimited', 5)).toEqual([200, 200, 200, 200, 200]);
    expect(await statuses('strict', 2)).toEqual([200, 429]);
  });
});
