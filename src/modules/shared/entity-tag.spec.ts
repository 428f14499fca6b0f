import { RequestValidationError } from '../../infrastructure/http/request-validation.error';
import { entityTag, isNamedByIfNoneMatch, versionsOfIfMatch } from './entity-tag';

describe('If-Match', () => {
  it('sets no condition when absent or *', () => {
    expect(versionsOfIfMatch(undefined)).toBeUndefined();
    expect(versionsOfIfMatch('*')).toBeUndefined();
    expect(versionsOfIfMatch(' * ')).toBeUndefined();
  });

  it('names the versions of the strong tags this API gives, in a list however spaced, empty elements ignored', () => {
    expect(versionsOfIfMatch(entityTag(3))).toEqual([3]);
    expect(versionsOfIfMatch('"3","17" ,  "250"')).toEqual([3, 17, 250]);
    expect(versionsOfIfMatch('"3",')).toEqual([3]);
    expect(versionsOfIfMatch(', "3" , ,"4", ,')).toEqual([3, 4]);
  });

  it('matches nothing with a weak tag or one this API never gave, a comma inside a tag included', () => {
    expect(versionsOfIfMatch('W/"3"')).toEqual([]);
    expect(versionsOfIfMatch('"abc", "0", "03", "1,2", ""')).toEqual([]);
    expect(versionsOfIfMatch('"99999999999"')).toEqual([]);
  });

  it('refuses what is no list of entity tags, or longer than 1024 characters', () => {
    for (const header of ['3', '"3', '"3" "4"', ',', ' , ,', '*, "3"', '*,', 'w/"3"', '"a"b"', `"${'1'.repeat(1023)}"`]) {
      expect(() => versionsOfIfMatch(header)).toThrow(RequestValidationError);
    }
  });
});

describe('If-None-Match', () => {
  it('names a version by its tag, weak or strong, in a list, or by *', () => {
    expect(isNamedByIfNoneMatch(entityTag(3), 3)).toBe(true);
    expect(isNamedByIfNoneMatch('W/"3"', 3)).toBe(true);
    expect(isNamedByIfNoneMatch('"1", W/"2" , "3"', 3)).toBe(true);
    expect(isNamedByIfNoneMatch(' * ', 3)).toBe(true);
    expect(isNamedByIfNoneMatch('"2", , "3", ', 3)).toBe(true);
  });

  it('names nothing when absent, for other versions, or when it is no list of entity tags', () => {
    expect(isNamedByIfNoneMatch(undefined, 3)).toBe(false);
    expect(isNamedByIfNoneMatch('"4", "03", "abc"', 3)).toBe(false);
    for (const header of ['3', '"3', '*, "3"', `"${'1'.repeat(1023)}"`]) expect(isNamedByIfNoneMatch(header, 3)).toBe(false);
  });
});
