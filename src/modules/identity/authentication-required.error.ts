import { DomainError } from '../../domain/shared/domain-error';

/** No bearer token was sent to a route that needs one. */
export class AuthenticationRequired extends DomainError {
  readonly code = 'authentication-required';
  readonly kind = 'unauthenticated';
  constructor() {
    super('This operation needs a bearer access token (POST /api/v1/auth/login).');
  }
}
