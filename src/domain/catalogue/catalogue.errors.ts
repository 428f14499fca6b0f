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
