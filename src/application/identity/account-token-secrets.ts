/** A token's id, which may be stored and published, and the hash that finds it again when the token comes back. */
export interface IssuedAccountToken {
  readonly id: string;
  readonly hash: string;
}

/**
 * Makes the secrets mailed for password resets and address proofs. The token is derived from its id with a key
 * the database does not hold, so neither the tokens table nor the events and mails queued for delivery ever hold
 * a usable token: the mail is composed from the id when it is sent.
 */
export abstract class AccountTokenSecrets {
  abstract issue(): IssuedAccountToken;
  /** The token mailed for an id: what the link carries. */
  abstract tokenOf(id: string): string;
  /** The stored hash of a presented token; null when it cannot be a token at all. */
  abstract hashOf(token: string): string | null;
}
