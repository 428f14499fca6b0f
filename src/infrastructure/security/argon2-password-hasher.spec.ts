import { argon2 } from 'node:crypto';
import { promisify } from 'node:util';
import type { AppConfig } from '../config/app-config';
import { Argon2PasswordHasher } from './argon2-password-hasher';
import { ConcurrencyLimit, SlotWaitExceeded } from './concurrency-limit';

const hasher = new Argon2PasswordHasher({ auth: { passwordHashConcurrency: 1, passwordHashMaxWaitMs: 60_000 } } as AppConfig);

/** API.md: passwords are stored as argon2id with OWASP's parameters. */
describe('Argon2PasswordHasher', () => {
  it('hashes with argon2id at OWASP\'s parameters (19 MiB, 2 passes, 1 lane), a fresh salt each time, as a PHC string', async () => {
    const [one, two] = [await hasher.hash('correct horse battery'), await hasher.hash('correct horse battery')];
    expect(one).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(two).not.toBe(one);
  });

  it('verifies the password a hash was made of, and no other', async () => {
    const hash = await hasher.hash('correct horse battery');
    expect(await hasher.verify(hash, 'correct horse battery')).toBe(true);
    expect(await hasher.verify(hash, 'correct horse batterY')).toBe(false);
    expect(await hasher.verify('not a PHC string', 'correct horse battery')).toBe(false);
  });

  it('verifies a hash made with other parameters by the parameters it names, so they can be raised later', async () => {
    const salt = (await hasher.hash('correct horse battery')).split('$')[4];
    const tag = await promisify(argon2)('argon2id', { message: 'correct horse battery', nonce: Buffer.from(salt, 'base64'), memory: 8192, passes: 3, parallelism: 1, tagLength: 32 });
    const other = `$argon2id$v=19$m=8192,t=3,p=1$${salt}$${tag.toString('base64').replace(/=+$/, '')}`;
    expect(await hasher.verify(other, 'correct horse battery')).toBe(true);
    expect(await hasher.verify(other, 'another password')).toBe(false);
  });

  it('checks an unknown address as a known one is checked: one derivation, the first time too, matching nothing', async () => {
    const fresh = new Argon2PasswordHasher({ auth: { passwordHashConcurrency: 1, passwordHashMaxWaitMs: 60_000 } } as AppConfig);
    const turns = jest.spyOn(ConcurrencyLimit.prototype, 'run');
    try {
      await fresh.verifyDummy('whatever was typed');
      expect(turns).toHaveBeenCalledTimes(1);
      await fresh.verifyDummy('');
      expect(turns).toHaveBeenCalledTimes(2);
    } finally {
      turns.mockRestore();
    }
  });

  it('checks unknown addresses again once a dummy check was refused for its wait', async () => {
    const impatient = new Argon2PasswordHasher({ auth: { passwordHashConcurrency: 1, passwordHashMaxWaitMs: 1 } } as AppConfig);
    const busy = impatient.hash('correct horse battery'); // holds the one slot for some milliseconds
    await expect(impatient.verifyDummy('whatever was typed')).rejects.toThrow(SlotWaitExceeded);
    await busy;
    await expect(impatient.verifyDummy('whatever was typed')).resolves.toBeUndefined();
  });
});
