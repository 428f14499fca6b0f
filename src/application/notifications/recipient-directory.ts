/** Where customers are written to: the identity context's to answer (an adapter of the notifications module). */
export abstract class RecipientDirectory {
  /** The addresses of these users, by id, in one read (a relay batch's worth); a user that does not exist is absent. */
  abstract emailsOf(userIds: readonly string[]): Promise<ReadonlyMap<string, string>>;
}
