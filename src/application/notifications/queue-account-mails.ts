import { Injectable } from '@nestjs/common';
import { DomainEventHandler, type PublishedEvent } from '../shared/domain-event-handler';
import type { AccountMailParams, AccountMailTemplate } from './account-mails';
import { MailQueue, type QueuedMail } from './mail-queue';

/** The fields this consumer reads of the events identity publishes (its published contract: no shared code). */
interface TokenIssuedPayload {
  email: string;
  tokenId: string;
  expiresAt: string;
  previousEmail?: string;
}
interface AddressPayload {
  email: string;
}

type AccountMail = { [T in AccountMailTemplate]: { template: T; to: string; params: AccountMailParams[T] } }[AccountMailTemplate];

/**
 * Queues the mails an account is sent about itself: reset and address-proof links, the notice to the old address
 * when a move is asked for, and the notice that the password changed. The address is the event's own (the one the
 * link must reach), not the account's current one. Keyed by event and template: a redelivered event queues nothing.
 */
@Injectable()
export class QueueAccountMails extends DomainEventHandler {
  readonly name = 'account-mails';

  constructor(private readonly queue: MailQueue) {
    super();
  }

  handle(event: PublishedEvent): Promise<void> {
    return this.handleAll([event]);
  }

  override async handleAll(events: readonly PublishedEvent[]): Promise<void> {
    const mails: QueuedMail[] = events.flatMap((event) =>
      accountMailsFor(event).map((mail) => ({ key: `${event.id}:${mail.template}`, template: mail.template, to: mail.to, params: mail.params })),
    );
    if (mails.length > 0) await this.queue.enqueue(mails);
  }
}

function accountMailsFor(event: PublishedEvent): AccountMail[] {
  switch (event.type) {
    case 'password-reset.requested':
    case 'email-verification.requested': {
      const { email, tokenId, expiresAt } = event.payload as unknown as TokenIssuedPayload;
      const template = event.type === 'password-reset.requested' ? 'password-reset' : 'email-verification';
      return [{ template, to: email, params: { tokenId, expiresAt } }];
    }
    case 'email-change.requested': {
      const { email, tokenId, expiresAt, previousEmail = '' } = event.payload as unknown as TokenIssuedPayload;
      return [
        { template: 'email-change-confirmation', to: email, params: { tokenId, expiresAt, previousEmail } },
        { template: 'email-change-notice', to: previousEmail, params: { newEmail: email } },
      ];
    }
    case 'user.password-changed': {
      const { email } = event.payload as unknown as AddressPayload;
      return [{ template: 'password-changed', to: email, params: {} }];
    }
    default:
      return [];
  }
}
