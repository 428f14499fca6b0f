/** The first completed response to an idempotent request, kept to be replayed byte for byte. */
export interface StoredResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/**
 * Thrown by the idempotency interceptor to short-circuit a retry: the problem filter sends it unchanged.
 * (Returning it from the interceptor would let Nest overwrite the status with the route's own.)
 */
export class ReplayStoredResponse {
  constructor(readonly response: StoredResponse) {}
}
