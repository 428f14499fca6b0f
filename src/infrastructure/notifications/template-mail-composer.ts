import { Injectable } from '@nestjs/common';
import { MailComposer } from '../../application/notifications/mail-composer';
import type { MailMessage } from '../../application/notifications/mailer';
import type { QueuedMail } from '../../application/notifications/mail-queue';
import { MailTokens } from '../../application/notifications/mail-tokens';
import { AppConfig } from '../config/app-config';
import type { MailTemplate, TemplateContext } from './templates/mail-template';
import { accountTemplates } from './templates/account-templates';
import { shopTemplates } from './templates/shop-templates';

/** A template as the composer calls it: params as queued, trusted to fit the template the same code queued them for. */
type QueuedTemplate = MailTemplate<Readonly<Record<string, unknown>>>;

/** Renders a queued mail through its template (templates/), with links to the frontend at PUBLIC_APP_URL. */
@Injectable()
export class TemplateMailComposer extends MailComposer {
  private readonly templates: ReadonlyMap<string, QueuedTemplate>;
  private readonly context: TemplateContext;

  constructor(config: AppConfig, tokens: MailTokens) {
    super();
    this.templates = new Map(Object.entries({ ...shopTemplates, ...accountTemplates }) as Array<[string, QueuedTemplate]>);
    this.context = { publicAppUrl: config.mail.publicAppUrl, tokenOf: (tokenId) => tokens.tokenOf(tokenId) };
  }

  async compose(mail: Pick<QueuedMail, 'template' | 'to' | 'params'>): Promise<MailMessage> {
    const render = this.templates.get(mail.template);
    if (!render) throw new Error(`No mail template named "${mail.template}"`);
    const { subject, text, html } = render(mail.params, this.context);
    return { to: mail.to, subject, text, html };
  }
}
