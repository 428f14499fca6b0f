import { html } from './html';
import type { MailContent, RenderedMail } from './mail-template';

const SIGNATURE = 'Commerce Backend';

/** Every mail's frame: the heading, the template's content and the signature, in text and in minimal, inline-styled HTML. */
export function layout(content: MailContent): RenderedMail {
  const text = [content.heading, '', ...content.text, '', `-- ${SIGNATURE}`, ''].join('\n');
  const document = html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${content.subject}</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; color: #222; line-height: 1.5;">
<h1 style="font-size: 20px;">${content.heading}</h1>
${content.html}
<p style="color: #777;">${SIGNATURE}</p>
</body>
</html>
`;
  return { subject: content.subject, text, html: document.markup };
}

/** A link on a line of its own. */
export const link = (href: string, label: string) => html`<p><a href="${href}">${label}</a></p>`;

/** The frontend's page of an order. */
export const orderUrl = (publicAppUrl: string, orderId: string) => `${publicAppUrl}/orders/${encodeURIComponent(orderId)}`;
