import { Injectable } from '@nestjs/common';
import { AccountTokenSecrets } from '../../application/identity/account-token-secrets';
import { MailTokens } from '../../application/notifications/mail-tokens';

/** Notifications' MailTokens port, answered by identity, which issued the tokens. */
@Injectable()
export class IdentityMailTokens extends MailTokens {
  constructor(private readonly secrets: AccountTokenSecrets) {
    super();
  }

  tokenOf(tokenId: string): string {
    return this.secrets.tokenOf(tokenId);
  }
}
