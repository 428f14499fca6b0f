/** How long mailed tokens live, and how long a spent, superseded or expired one is kept (configuration). */
export abstract class AccountTokenPolicy {
  abstract readonly passwordResetTtlSeconds: number;
  abstract readonly emailVerificationTtlSeconds: number;
  abstract readonly finishedRetentionDays: number;
}

/** Tokens of one kind an account may be mailed per window: enough for a lost mail, too few to flood an inbox. */
export const TOKEN_MAILS_PER_WINDOW = 3;
export const TOKEN_MAIL_WINDOW_SECONDS = 15 * 60;
