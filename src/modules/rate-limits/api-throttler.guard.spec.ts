import { Controller, Get, Module } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SkipThrottle, Throttle, ThrottlerModule } from '@nestjs/throttler';
import { RefusedClients } from '../../infrastructure/rate-limits/refused-clients';
import { ApiThrottlerGuard } from './api-throttler.guard';

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

  @Throttle({ default: { limit: 1, ttl: 60_000 } })
  @Get('strict')
  strict() {
    return 'ok';
  }
}

@Module({
  imports: [ThrottlerModule.forRoot({ throttlers: [{ name: 'default', limit: 3, ttl: 60_000 }] })],
  controllers: [ThingsController],
  providers: [RefusedClients, { provide: APP_GUARD, useClass: ApiThrottlerGuard }],
})
class ThingsModule {}

describe('ApiThrottlerGuard', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(ThingsModule, new FastifyAdapter(), { logger: false });
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
  });

  it('leaves the decorators to the library: @SkipThrottle and @Throttle still hold', async () => {
    expect(await statuses('unlimited', 5)).toEqual([200, 200, 200, 200, 200]);
    expect(await statuses('strict', 2)).toEqual([200, 429]);
  });
});
