import { argon2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { Injectable } from '@nestjs/common';
import { PasswordHasher } from '../../application/identity/password-hasher';
import { AppConfig } from '../config/app-config';
import { ConcurrencyLimit } from './concurrency-limit';

const deriveNow = promisify(argon2);

/** OWASP's baseline for argon2id: 19 MiB, 2 passes, 1 lane. */
export const ARGON2_PARAMETERS = { memory: 19_456, passes: 2, parallelism: 1, tagLength: 32 } as const;

const phc = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/**
 * argon2id from node:crypto. The async form runs on libuv's thread pool, so hashing never blocks the event loop;
 * at most PASSWORD_HASH_CONCURRENCY run at once (one core fewer than the machine has), because a flood of logins
 * on every pool thread would otherwise starve the event loop of CPU, and every other request with it. A check that
 * waited PASSWORD_HASH_MAX_WAIT_MS for its turn is refused (503 with Retry-After), for a known address as for an
 * unknown one, before anything is recorded.
 * Hashes are PHC strings, so parameters can be raised later without invalidating stored ones.
 */
@Injectable()
export class Argon2PasswordHasher extends PasswordHasher {
  /**
   * What an unknown address's password is checked against: a hash at the same parameters that no password matches
   * (its tag is random), so that check costs one derivation, as a known address's does. It was a hash of a random
   * password, made on first use: that first check waited for a slot twice.
   */
  private readonly dummy = phcString(randomBytes(16), randomBytes(ARGON2_PARAMETERS.tagLength));
  private readonly limit: ConcurrencyLimit;

  constructor(config: AppConfig) {
    super();
    this.limit = new ConcurrencyLimit(config.auth.passwordHashConcurrency, config.auth.passwordHashMaxWaitMs);
  }

  private derive(parameters: Parameters<typeof deriveNow>[1]): Promise<Buffer> {
    return this.limit.run(() => deriveNow('argon2id', parameters));
  }

  async hash(password: string): Promise<string> {
    const nonce = randomBytes(16);
    return phcString(nonce, await this.derive({ message: password, nonce, ...ARGON2_PARAMETERS }));
  }

  async verify(hash: string, password: string): Promise<boolean> {
    const parts = phc.exec(hash);
    if (!parts) return false;
    const [, memory, passes, parallelism, nonce, expected] = parts;
    const expectedTag = Buffer.from(expected, 'base64');
    const tag = await this.derive({
      message: password,
      nonce: Buffer.from(nonce, 'base64'),
      memory: Number(memory),
      passes: Number(passes),
      parallelism: Number(parallelism),
      tagLength: expectedTag.length,
    });
    return timingSafeEqual(tag, expectedTag);
  }

  async verifyDummy(password: string): Promise<void> {
    await this.verify(this.dummy, password);
  }
}

const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');

function phcString(nonce: Buffer, tag: Buffer): string {
  const { memory, passes, parallelism } = ARGON2_PARAMETERS;
  return `$argon2id$v=19$m=${memory},t=${passes},p=${parallelism}$${b64(nonce)}$${b64(tag)}`;
}
