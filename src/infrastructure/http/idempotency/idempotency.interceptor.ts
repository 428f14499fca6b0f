import { createHash } from 'node:crypto';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { from, type Observable, switchMap } from 'rxjs';
import type { Actor } from '../../../application/shared/actor';
import { requestOf } from '../http-arguments';
import { IdempotencyKeyReused } from '../../../domain/shared/request-key';
import { IdempotencyKeyMissing, IdempotentRequestInFlight } from './idempotency.errors';
import { IdempotencyStore } from './idempotency.store';
import { ReplayStoredResponse } from './stored-response';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const keyShape = /^[\x21-\x7e]{1,255}$/;

/** Set on a request whose key this process claimed; the onSend hook stores the response it ends with. */
export interface IdempotencyClaim {
  readonly scope: string;
  readonly key: string;
}

export type RequestWithClaim = FastifyRequest & { idempotencyClaim?: IdempotencyClaim; user?: Actor };

/**
 * The IETF Idempotency-Key draft, as Stripe does it: a key scoped to the caller; the first completed response
 * replayed for a retry with the same request; another request under the same key 422; a duplicate while the
 * first still runs 409. Routes opt in with @Idempotent().
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly store: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = requestOf<RequestWithClaim>(context);
    const key = request.headers[IDEMPOTENCY_HEADER];
    if (typeof key !== 'string' || !keyShape.test(key)) throw new IdempotencyKeyMissing();
    const scope = request.user?.userId ?? 'anonymous';
    const fingerprint = fingerprintOf(request);

    return from(this.store.claim(scope, key, fingerprint)).pipe(
      switchMap((claim) => {
        if (claim.outcome === 'claimed') {
          request.idempotencyClaim = { scope, key };
          return next.handle();
        }
        if (claim.fingerprint !== fingerprint) throw new IdempotencyKeyReused();
        if (claim.outcome === 'in_flight') throw new IdempotentRequestInFlight();
        throw new ReplayStoredResponse(claim.response);
      }),
    );
  }
}

/**
 * The same request means the same method, path and body (key order ignored). The path is the route's with its
 * parameters as PathId reads them (UUIDs, in lower case): as written, one order in capitals, percent-encoded or with
 * a trailing slash was another request. A path written so already is the one written, so keys stored before keep
 * their fingerprints.
 */
function fingerprintOf(request: FastifyRequest): string {
  const params = request.params as Record<string, string>;
  const path = request.routeOptions.url!.replace(/:(\w+)/g, (_, name: string) => params[name].toLowerCase());
  return createHash('sha256').update(`${request.method} ${path}\n${canonicalJson(request.body ?? null)}`).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
