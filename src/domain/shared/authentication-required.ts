import { DomainError } from './domain-error';

/** No bearer token was sent where one is needed: a route's guard, or a use case that answers admins only (archived products). */
export class AuthenticationRequired extends DomainError {
  readonly code = 'authentication-required';
  readonly kind = 'unauthenticated';
  constructor() {
    super('This operation needs a bearer access token (POST /api/v1/auth/login).');
  }
}
