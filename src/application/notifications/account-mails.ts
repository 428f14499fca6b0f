/**
 * The mails an account is sent about itself, by template name, with the params each is queued with. A link's token
 * is queued as its id only (`tokenId`): the token is derived when the mail is composed, so no table holds it.
 */
export interface AccountMailParams {
  'password-reset': { tokenId: string; expiresAt: string };
  'email-verification': { tokenId: string; expiresAt: string };
  /** To the new address: the link that moves the account there. */
  'email-change-confirmation': { tokenId: string; expiresAt: string; previousEmail: string };
  /** To the address the account has now: someone asked to move it. */
  'email-change-notice': { newEmail: string };
  'password-changed': Record<string, never>;
}

export type AccountMailTemplate = keyof AccountMailParams;
