import { createFastifyAdapter } from './fastify-adapter';

// Set when fastify loads its default validator compiler through the module registry; ours loads it by Node's own require.
let mockDefaultCompilerLoaded = false;
jest.mock('@fastify/ajv-compiler', () => {
  mockDefaultCompilerLoaded = true;
  return jest.requireActual('@fastify/ajv-compiler');
});

describe('the server\'s schema compilers', () => {
  it('are not loaded by a server whose routes declare no schema', async () => {
    const fastify = createFastifyAdapter().getInstance();
    fastify.get('/plain', async () => ({ served: true }));
    await fastify.ready();
    expect((await fastify.inject({ method: 'GET', url: '/plain' })).json()).toEqual({ served: true });
    expect(mockDefaultCompilerLoaded).toBe(false);
    await fastify.close();
  });
});

describe('the server\'s schema compilers, once a route declares a schema', () => {
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

  it('validate a body against the route\'s schema, as Fastify\'s own Ajv compiler does', async () => {
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
