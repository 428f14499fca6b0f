import { DomainError } from '../shared/domain-error';

export class InvalidProduct extends DomainError {
  readonly code = 'invalid-product';
  readonly kind = 'invalid';
}

export class SkuAlreadyExists extends DomainError {
  readonly code = 'sku-already-exists';
  readonly kind = 'conflict';
  constructor(sku: string) {
    super(`A product with SKU ${sku} already exists.`);
  }
}

export class ProductNotFound extends DomainError {
  readonly code = 'product-not-found';
  readonly kind = 'not_found';
  constructor(id: string) {
    super(`No product ${id}.`);
  }
}

export class ProductChangedConcurrently extends DomainError {
  readonly code = 'product-changed-concurrently';
  readonly kind = 'conflict';
  constructor(id: string) {
    super(`Product ${id} changed while this update was being made (e.g. stock was reserved); read it again and retry.`);
  }
}

/** A change sent for a version of the product (If-Match) that is no longer current. */
export class ProductVersionChanged extends DomainError {
  readonly code = 'product-version-changed';
  readonly kind = 'precondition_failed';
  constructor(id: string, version: number) {
    super(`Product ${id} changed since the version the change was sent for (a sale reserves stock, too): it is at version ${version}; read it again.`);
  }
}

export class ArchivedProductsHidden extends DomainError {
  readonly code = 'archived-products-hidden';
  readonly kind = 'forbidden';
  constructor() {
    super('Only admins may list archived products.');
  }
}

export class ProductAlreadyArchived extends DomainError {
  readonly code = 'product-already-archived';
  readonly kind = 'conflict';
  constructor(id: string) {
    super(`Product ${id} is already archived.`);
  }
}
