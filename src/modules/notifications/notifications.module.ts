import { Module, type OnModuleInit } from '@nestjs/common';
import { QueueAccountMails } from '../../application/notifications/queue-account-mails';
import { DeliverDueMails } from '../../application/notifications/deliver-due-mails';
import { MailComposer } from '../../application/notifications/mail-composer';
import { MailQueue } from '../../application/notifications/mail-queue';
import { MailTokens } from '../../application/notifications/mail-tokens';
import { Mailer } from '../../application/notifications/mailer';
import { PurgeFinishedMails } from '../../application/notifications/purge-finished-mails';
import { QueueShopMails } from '../../application/notifications/queue-shop-mails';
import { RecipientDirectory } from '../../application/notifications/recipient-directory';
import { EventSubscriptions } from '../../application/shared/domain-event-handler';
import { AppConfig } from '../../infrastructure/config/app-config';
import { createMailer } from '../../infrastructure/notifications/create-mailer';
import { TemplateMailComposer } from '../../infrastructure/notifications/template-mail-composer';
import { SqlMailQueue } from '../../infrastructure/persistence/notifications/sql-mail-queue';
import { IdentityModule } from '../identity/identity.module';
import { IdentityMailTokens } from './identity-mail-tokens.adapter';
import { IdentityRecipientDirectory } from './identity-recipient-directory.adapter';
import { MailDeliveryScheduler } from './mail-delivery.scheduler';

/**
 * Notifications: the shop's mails to its customers and the mails an account is sent about itself (reset and
 * address-proof links, notices), queued from domain events into a mail outbox of their own and sent by a background
 * job through SMTP (or the log in development).
 */
@Module({
  imports: [IdentityModule],
  providers: [
    { provide: MailTokens, useClass: IdentityMailTokens },
    { provide: Mailer, inject: [AppConfig], useFactory: (config: AppConfig) => createMailer(config.mail) },
    { provide: MailQueue, useClass: SqlMailQueue },
    { provide: MailComposer, useClass: TemplateMailComposer },
    { provide: RecipientDirectory, useClass: IdentityRecipientDirectory },
    QueueShopMails,
    QueueAccountMails,
    DeliverDueMails,
    PurgeFinishedMails,
    MailDeliveryScheduler,
  ],
})
export class NotificationsModule implements OnModuleInit {
  constructor(
    private readonly subscriptions: EventSubscriptions,
    private readonly shopMails: QueueShopMails,
    private readonly accountMails: QueueAccountMails,
  ) {}

  // On init, before any application bootstrap hook starts the outbox relay, so no event goes by unseen.
  async onModuleInit(): Promise<void> {
    await this.subscriptions.subscribe(this.shopMails);
    await this.subscriptions.subscribe(this.accountMails);
  }
}
