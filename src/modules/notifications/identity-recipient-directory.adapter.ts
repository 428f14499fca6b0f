import { Injectable } from '@nestjs/common';
import { LookUpEmails } from '../../application/identity/look-up-emails';
import { RecipientDirectory } from '../../application/notifications/recipient-directory';

/** Notifications' RecipientDirectory port, answered by identity, which owns the addresses. */
@Injectable()
export class IdentityRecipientDirectory extends RecipientDirectory {
  constructor(private readonly lookUpEmails: LookUpEmails) {
    super();
  }

  emailsOf(userIds: readonly string[]): Promise<ReadonlyMap<string, string>> {
    return this.lookUpEmails.execute(userIds);
  }
}
