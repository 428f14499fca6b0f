import { createHmac, createPublicKey, generateKeyPairSync, type KeyObject, sign as signBytes, verify } from 'node:crypto';
import { newCustomer } from '../support/journeys';
import { startTestApp, type TestApp } from '../support/test-app';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const pem = (key: KeyObject) => key.export({ format: 'pem', type: key.type === 'private' ? 'pkcs8' : 'spki' }).toString();

/** A compact JWT signed here: EdDSA with an Ed25519 private key, or HS256 with any bytes as the secret. */
function signed(header: { alg: 'EdDSA' | 'HS256'; typ?: string }, claims: object, key: KeyObject | Buffer): string {
  const input = `${b64({ typ: 'at+jwt', ...header })}.${b64(claims)}`;
  const signature = header.alg === 'EdDSA' ? signBytes(null, Buffer.from(input), key as KeyObject) : createHmac('sha256', key as Buffer).update(input).digest();
  return `${input}.${signature.toString('base64url')}`;
}

/** JWT_ALGORITHM=EdDSA: tokens signed with the configured Ed25519 key, verifiable with its public key alone. */
describe('Access tokens signed with EdDSA', () => {
  let t: TestApp;
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const secret = 'test-secret-that-is-long-enough-to-sign-tokens';
  let token: string;
  let claims: { sub: string; sid: string; role: string; iss: string; aud: string; exp: number };

  beforeAll(async () => {
    // Written on one line, as an environment file holds it.
    t = await startTestApp({ env: { JWT_ALGORITHM: 'EdDSA', JWT_PRIVATE_KEY: pem(privateKey).replace(/\n/g, '\\n'), JWT_SECRET: secret } });
    token = (await newCustomer(t.http)).token;
    claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
  });
  afterAll(() => t.close());

  const me = (bearer: string) => t.http.get('/api/v1/users/me', { token: bearer });
  const inTenMinutes = () => Math.floor(Date.now() / 1000) + 600;

  it('issues tokens a holder of the public key alone can verify, and accepts them', async () => {
    const [header, payload, signature] = token.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'EdDSA', typ: 'at+jwt' });
    expect(verify(null, Buffer.from(`${header}.${payload}`), createPublicKey(pem(publicKey)), Buffer.from(signature, 'base64url'))).toBe(true);
    expect(claims).toMatchObject({ role: 'customer', iss: 'commerce-backend', aud: 'commerce-backend-api', exp: expect.any(Number), sid: expect.any(String) });
    expect((await me(token)).status).toBe(200);
    // And one signed here with the same key and every claim right (the baseline for the refusals below).
    expect((await me(signed({ alg: 'EdDSA' }, { ...claims, exp: inTenMinutes() }, privateKey))).status).toBe(200);
  });

  const forgeries: Array<[string, () => string]> = [
    ['HS256 under JWT_SECRET (the algorithm is pinned)', () => signed({ alg: 'HS256' }, { ...claims, exp: inTenMinutes() }, Buffer.from(secret))],
    ['HS256 with the public key as its secret (key confusion)', () => signed({ alg: 'HS256' }, { ...claims, exp: inTenMinutes() }, Buffer.from(pem(publicKey)))],
    ['alg none', () => `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64({ ...claims, exp: inTenMinutes() })}.`],
    ['EdDSA under another key', () => signed({ alg: 'EdDSA' }, { ...claims, exp: inTenMinutes() }, generateKeyPairSync('ed25519').privateKey)],
    ['a changed payload', () => `${token.split('.')[0]}.${b64({ ...claims, role: 'admin' })}.${token.split('.')[2]}`],
    ['an expired token', () => signed({ alg: 'EdDSA' }, { ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, privateKey)],
    ['no exp', () => signed({ alg: 'EdDSA' }, { sub: claims.sub, sid: claims.sid, role: claims.role, iss: claims.iss, aud: claims.aud }, privateKey)],
    ['another issuer', () => signed({ alg: 'EdDSA' }, { ...claims, iss: 'someone-else', exp: inTenMinutes() }, privateKey)],
    ['another audience', () => signed({ alg: 'EdDSA' }, { ...claims, aud: 'someone-else', exp: inTenMinutes() }, privateKey)],
    ['another type', () => signed({ alg: 'EdDSA', typ: 'JWT' }, { ...claims, exp: inTenMinutes() }, privateKey)],
  ];

  it.each(forgeries)('refuses %s with 401 and an invalid_token challenge', async (_name, forge) => {
    const reply = await me(forge());
    expect([reply.status, reply.headers['www-authenticate']]).toEqual([401, 'Bearer error="invalid_token"']);
  });

  it('still ends the session a token names', async () => {
    const customer = await newCustomer(t.http);
    expect((await t.http.post('/api/v1/auth/logout', undefined, { token: customer.token })).status).toBe(204);
    expect((await me(customer.token)).status).toBe(401);
  });
});

