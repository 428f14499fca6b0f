/** Where customers are written to; identity answers it (an adapter in the notifications module), as it owns the addresses. */
export abstract class RecipientDirectory {
  /** The addresses of these users, by id, in one read (a relay batch's worth); a user that does not exist is absent. */
  abstract emailsOf(userIds: readonly string[]): Promise<ReadonlyMap<string, string>>;
}
