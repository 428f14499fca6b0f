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

/** Archived products are for admins: a caller who sent no token is asked who they are (401) before being refused. */
export class ArchivedProductsNeedAuthentication extends DomainError {
  readonly code = 'authentication-required';
  readonly kind = 'unauthenticated';
  constructor() {
    super('Only admins may list archived products; send a bearer access token.');
  }
}

export class ProductAlreadyArchived extends DomainError {
  readonly code = 'product-already-archived';
  readonly kind = 'conflict';
  constructor(id: string) {
    super(`Product ${id} is already archived.`);
  }
}
