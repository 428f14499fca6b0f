import { createFastifyAdapter } from './fastify-adapter';

describe('the server\'s schema compilers, loaded on first use', () => {
  const fastify = createFastifyAdapter().getInstance();

  beforeAll(async () => {
    fastify.post(
      '/echo',
      {
        schema: {
          body: { type: 'object', required: ['quantity'], properties: { quantity: { type: 'integer', minimum: 1 } } },
          response: { 200: { type: 'object', properties: { quantity: { type: 'integer' } } } },
        },
      },
      async (request) => ({ ...(request.body as object), secret: 'not in the response schema' }),
    );
    await fastify.ready();
  });

  afterAll(() => fastify.close());

  it('validate a body against a route\'s schema, as Fastify\'s own Ajv compiler does', async () => {
    const refused = await fastify.inject({ method: 'POST', url: '/echo', payload: { quantity: 0 } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'FST_ERR_VALIDATION', message: 'body/quantity must be >= 1' });
  });

  it('serialize a reply through the route\'s response schema, as fast-json-stringify does', async () => {
    const served = await fastify.inject({ method: 'POST', url: '/echo', payload: { quantity: 2 } });
    expect(served.statusCode).toBe(200);
    expect(served.json()).toEqual({ quantity: 2 });
  });
});
