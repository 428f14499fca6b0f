/** How long mailed tokens live (configuration). */
export abstract class AccountTokenPolicy {
  abstract readonly passwordResetTtlSeconds: number;
  abstract readonly emailVerificationTtlSeconds: number;
}

/** Tokens of one kind an account may be mailed per window: enough for a lost mail, too few to flood an inbox. */
export const TOKEN_MAILS_PER_WINDOW = 3;
export const TOKEN_MAIL_WINDOW_SECONDS = 15 * 60;
