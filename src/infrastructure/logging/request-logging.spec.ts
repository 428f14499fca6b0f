import Fastify from 'fastify';
import { logRequests, requestIdOfLine } from './request-logging';

describe('request logging', () => {
  it('tags a line logged while a request is served with its id, and no other line', async () => {
    const fastify = Fastify({ genReqId: () => 'req-42' });
    logRequests(fastify);
    fastify.post('/echo', async () => new Promise((done) => setImmediate(() => done(requestIdOfLine()))));
    const reply = await fastify.inject({ method: 'POST', url: '/echo', payload: { body: 'read after the hooks' } });
    expect(reply.json()).toEqual({ req: { id: 'req-42' } });
    expect(requestIdOfLine()).toEqual({});
    await fastify.close();
  });
});
