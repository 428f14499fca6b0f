/** The token a mailed link carries, from the id it was queued with (the identity context issues both). */
export abstract class MailTokens {
  abstract tokenOf(tokenId: string): string;
}
