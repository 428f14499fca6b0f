import { listenFailure } from './listen-failure';

const failure = (code: string) => Object.assign(new Error(`listen ${code}`), { code });

describe('listenFailure', () => {
  it.each([
    ['EADDRINUSE', 'PORT 3000: another process already listens there (HOST 0.0.0.0).'],
    ['EACCES', 'PORT 3000: this process may not listen on it (ports below 1024 need privileges).'],
    ['EADDRNOTAVAIL', 'HOST 0.0.0.0: not an address of this machine.'],
    ['ENOTFOUND', 'HOST 0.0.0.0: the name does not resolve to an address.'],
    ['EAI_AGAIN', 'HOST 0.0.0.0: the name does not resolve to an address.'],
  ])('names the setting for %s', (code, message) => {
    expect(listenFailure(failure(code), '0.0.0.0', 3000)).toBe(message);
  });

  it('names no setting for any other error', () => {
    expect(listenFailure(failure('EMFILE'), '0.0.0.0', 3000)).toBeUndefined();
  });
});
