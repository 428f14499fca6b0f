import { runInNewContext } from 'node:vm';
import { ConnectionException } from '@mikro-orm/core';
import { isDatabaseUnavailable } from './database-unavailable';

const withCode = (code: string, error: Error = new Error(`failed: ${code}`)) => Object.assign(error, { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED')],
    ['a server shutting down', withCode('57P01')],
    ['a connection exception class (08xxx)', withCode('08006')],
    // A replica whose URL names no database answered every list 500.
    ['a database that does not exist', withCode('3D000')],
    ['a password refused (28xxx)', withCode('28P01')],
    ["MikroORM's connection exception", new ConnectionException(new Error('gone'))],
    ["the pool's connect timeout", new Error('timeout exceeded when trying to connect')],
    ['a statement cancelled by its timeout', withCode('57014')],
    // pg's client once its connection was killed mid-transaction (pg_terminate_backend): it was answered 500.
    ['a client whose connection broke', new Error('Client has encountered a connection error and is not queryable')],
    ['a cause two levels down', new Error('outer', { cause: new Error('inner', { cause: withCode('ECONNRESET') }) })],
    ["an error of another realm (the driver's socket error under a sandbox)", withCode('ECONNREFUSED', runInNewContext('new Error("refused")') as Error)],
  ])('is true for %s', (_case, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a constraint violation', withCode('23505')],
    ['a plain bug', new TypeError('x is undefined')],
    ['a string', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('is false for %s', (_case, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
