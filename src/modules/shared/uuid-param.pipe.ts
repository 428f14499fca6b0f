import { ParseUUIDPipe, type PipeTransform } from '@nestjs/common';

/** ParseUUIDPipe's check and refusal, at once: its `transform` is async, a promise for every id in a path. */
class UuidCheck extends ParseUUIDPipe {
  check(value: unknown): string {
    if (!this.isUUID(value)) throw this.exceptionFactory('Validation failed (uuid is expected)');
    return value as string;
  }
}

/**
 * A UUID in a path, in lower case: the database answers ids so, and whatever compares a path id with one it read
 * (a delivery of this endpoint, the caller's own account) must not miss because a client wrote it in capitals.
 */
class UuidParamPipe implements PipeTransform<unknown, string> {
  private readonly uuid = new UuidCheck();

  transform(value: unknown): string {
    return this.uuid.check(value).toLowerCase();
  }
}

export const uuidParam = new UuidParamPipe();
