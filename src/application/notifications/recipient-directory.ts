/** Where a customer is written to: the identity context's data, read without its code. */
export abstract class RecipientDirectory {
  /** The user's email address; null for a user that does not exist. */
  abstract emailOf(userId: string): Promise<string | null>;
}
