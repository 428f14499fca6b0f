import { type ArgumentMetadata, ParseUUIDPipe } from '@nestjs/common';

/**
 * A UUID in a path, in lower case: the database answers ids so, and whatever compares a path id with one it read
 * (a delivery of this endpoint, the caller's own account) must not miss because a client wrote it in capitals.
 */
class UuidParamPipe extends ParseUUIDPipe {
  override async transform(value: string, metadata: ArgumentMetadata) {
    return (await super.transform(value, metadata))?.toLowerCase();
  }
}

export const uuidParam = new UuidParamPipe();
