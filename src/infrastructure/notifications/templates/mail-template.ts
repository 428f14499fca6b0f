import type { SafeHtml } from './html';

/** What every template may use besides its params. */
export interface TemplateContext {
  /** The frontend's base URL, without a trailing slash. */
  readonly publicAppUrl: string;
  /** The token of a mailed link, from the id it was queued with: only the mail being composed ever holds it. */
  readonly tokenOf: (tokenId: string) => string;
}

export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** One mail's text and HTML from its params. */
export type MailTemplate<P> = (params: P, context: TemplateContext) => RenderedMail;

/** The parts of a mail a template writes; `layout` wraps them the same way for every mail. */
export interface MailContent {
  readonly subject: string;
  readonly heading: string;
  readonly text: readonly string[];
  readonly html: SafeHtml;
}
