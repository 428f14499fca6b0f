import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { requestOf } from '../../infrastructure/http/http-arguments';
import { RequestValidationError } from '../../infrastructure/http/request-validation.error';

/** The entity tag of a resource's version, strong (RFC 9110, 8.8.3): the version itself, quoted. */
export const entityTag = (version: number): string => `"${version}"`;

/** The ETag response header, as the OpenAPI document declares it. */
export const ETAG_HEADER = {
  ETag: {
    description: 'The version of the resource this reply shows. Send it back as If-Match to change the resource only if it is still this version.',
    schema: { type: 'string', pattern: '^"[0-9]+"$', maxLength: 12, example: '"3"' },
  },
};

/** An entity tag (RFC 9110, 8.8.3): strong `"3"` or weak `W/"3"`, its opaque part any visible ASCII but `"`. */
const TAG = '(W/)?"([\\x21\\x23-\\x7e]*)"';
/**
 * A list of them, or `*`: what If-Match and If-None-Match may hold, as their OpenAPI schemas say too. Empty elements
 * (`"3", , "4",`) are taken and ignored, as RFC 9110 (5.6.1.2) asks of a recipient; a list names one tag at least.
 */
const TAG_LIST_PATTERN = `^(\\*|(,\\s*)*${TAG}(\\s*,(\\s*,)*\\s*${TAG})*(\\s*,)*)$`;
const TAG_LIST_MAX_LENGTH = 1024;
const TAG_LIST = new RegExp(TAG_LIST_PATTERN);
const VERSION = /^[1-9][0-9]{0,9}$/;

/**
 * The entity tags a conditional header lists (each weak or not, with the version it names if any), `*`, or undefined
 * when it is no such list.
 */
function listedTags(header: string): '*' | Array<{ weak: boolean; version?: number }> | undefined {
  const value = header.trim();
  if (value.length > TAG_LIST_MAX_LENGTH || !TAG_LIST.test(value)) return undefined;
  if (value === '*') return '*';
  return [...value.matchAll(new RegExp(TAG, 'g'))].map(([, weak, opaque]) => ({ weak: weak !== undefined, version: VERSION.test(opaque) ? Number(opaque) : undefined }));
}

/**
 * The versions an If-Match header names (RFC 9110, 13.1.1), or undefined when it sets no condition (absent, or `*`
 * on a resource that exists). It compares strongly: a weak tag, or one this API never gave, matches no version, so a
 * header of only such tags fails the condition (412). A header that is no list of entity tags is a 400.
 */
export function versionsOfIfMatch(header: string | undefined): readonly number[] | undefined {
  if (header === undefined) return undefined;
  const tags = listedTags(header);
  if (tags === undefined) {
    throw new RequestValidationError([{ field: 'If-Match', message: 'If-Match must be * or a list of entity tags such as "3"' }]);
  }
  if (tags === '*') return undefined;
  return tags.flatMap(({ weak, version }) => (weak || version === undefined ? [] : [version]));
}

const ifMatchVersions = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  versionsOfIfMatch(requestOf<{ headers: Record<string, string | undefined> }>(context).headers['if-match']),
);

/** The versions the request's If-Match names (see versionsOfIfMatch), documented as the operation's header. */
export const IfMatchVersions = (): ParameterDecorator => (target, method, index) => {
  ifMatchVersions()(target, method, index);
  ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The ETag of the version read: the change is made only if the resource is still that version (412 otherwise).',
    schema: { type: 'string', pattern: TAG_LIST_PATTERN, maxLength: TAG_LIST_MAX_LENGTH, example: '"3"' },
  })(target, method!, Object.getOwnPropertyDescriptor(target, method!)!);
};

/**
 * Whether an If-None-Match header (RFC 9110, 13.1.2) names `version`: `*`, or a list holding its tag, compared weakly
 * (`W/"3"` names version 3). A header that is no list of entity tags names nothing, and the reply is sent.
 */
export function isNamedByIfNoneMatch(header: string | undefined, version: number): boolean {
  const tags = header === undefined ? undefined : listedTags(header);
  return tags === '*' || (tags !== undefined && tags.some((tag) => tag.version === version));
}

/** Documents a read that answers 304 to an If-None-Match naming the version it would show. */
export const ConditionalRead = (): MethodDecorator => (target, method, descriptor) => {
  ApiHeader({
    name: 'If-None-Match',
    required: false,
    description: 'ETags of versions the client holds: 304, without a body, when the resource is still one of them.',
    schema: { type: 'string', pattern: TAG_LIST_PATTERN, maxLength: TAG_LIST_MAX_LENGTH, example: '"3"' },
  })(target, method, descriptor);
  ApiResponse({ status: 304, description: 'Not modified: still the version If-None-Match names.', headers: ETAG_HEADER })(target, method, descriptor);
};
