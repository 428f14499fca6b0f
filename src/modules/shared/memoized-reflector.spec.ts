import { SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { MemoizedReflector } from './memoized-reflector';

const Flag = (value: string) => SetMetadata('flag', value);

@Flag('class')
class Controller {
  @Flag('handler')
  marked() {}

  unmarked() {}
}

@Flag('subclass')
class Subclass extends Controller {}

describe('MemoizedReflector', () => {
  const plain = new Reflector();
  const memoized = new MemoizedReflector(); // one for all cases: an answer for one class must not leak to another
  const cases = [
    ['a handler that overrides its class', Controller.prototype.marked, Controller],
    ['a handler that does not', Controller.prototype.unmarked, Controller],
    ['the same handler inherited by a class of its own metadata', Controller.prototype.unmarked, Subclass],
  ] as const;

  it.each(cases)('answers as Nest does for %s, the first time and after', (_case, handler, classRef) => {
    const expected = plain.getAllAndOverride('flag', [handler, classRef]);
    expect(memoized.getAllAndOverride('flag', [handler, classRef])).toBe(expected);
    expect(memoized.getAllAndOverride('flag', [handler, classRef])).toBe(expected);
    expect(memoized.getAllAndOverride('other', [handler, classRef])).toBeUndefined();
  });

  it('reads the metadata once per handler, class and key', () => {
    const fresh = new MemoizedReflector();
    const reads = jest.spyOn(Reflector.prototype, 'getAllAndOverride');
    for (let i = 0; i < 3; i++) fresh.getAllAndOverride('flag', [Controller.prototype.marked, Controller]);
    expect(reads).toHaveBeenCalledTimes(1);
    reads.mockRestore();
  });
});
