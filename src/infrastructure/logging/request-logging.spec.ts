import type { EntityManager } from '@mikro-orm/core';
import Fastify from 'fastify';
import { RequestScope, runInRequestScope } from '../request-scope';
import { logRequests, requestIdOfLine } from './request-logging';

describe('request logging', () => {
  it('tags a line logged while a request is served with its id, and no other line', async () => {
    const fastify = Fastify({ genReqId: () => 'req-42' });
    const neverForked = {} as EntityManager; // this request asks for no EntityManager
    fastify.addHook('onRequest', (request, _reply, done) => runInRequestScope(new RequestScope(request.id, neverForked), done));
    logRequests(fastify);
    fastify.post('/echo', async () => new Promise((done) => setImmediate(() => done(requestIdOfLine()))));
    const reply = await fastify.inject({ method: 'POST', url: '/echo', payload: { body: 'read after the hooks' } });
    expect(reply.json()).toEqual({ req: { id: 'req-42' } });
    expect(requestIdOfLine()).toEqual({});
    await fastify.close();
  });
});
