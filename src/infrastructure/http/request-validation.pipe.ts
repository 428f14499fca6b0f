import { type ArgumentMetadata, type PipeTransform, ValidationPipe, type ValidationPipeOptions } from '@nestjs/common';

/** Nest's ValidationPipe, with its answer of which parameters it validates. */
class LibraryValidation extends ValidationPipe {
  validates(metadata: ArgumentMetadata): boolean {
    return Boolean(this.expectedType || (metadata.metatype && this.toValidate(metadata)));
  }

  /** What `transform` returns for a parameter it does not validate. */
  unvalidated(value: unknown, metadata: ArgumentMetadata): unknown {
    return this.isTransformEnabled ? this.transformPrimitive(value, metadata) : value;
  }
}

/**
 * Nest's ValidationPipe, answering at once for the parameters it leaves to their own pipes (a path id, a custom
 * decorator's caller): its `transform` is async, so every such parameter of every request waited on a promise of
 * its own. Bodies and query DTOs go through the library's `transform` as before.
 */
export class RequestValidationPipe implements PipeTransform {
  private readonly library: LibraryValidation;

  constructor(options: ValidationPipeOptions) {
    this.library = new LibraryValidation(options);
  }

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    return this.library.validates(metadata) ? this.library.transform(value, metadata) : this.library.unvalidated(value, metadata);
  }
}
