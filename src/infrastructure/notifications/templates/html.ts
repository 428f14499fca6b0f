/** Markup that is safe to insert as it is: made only by the `html` tag, which escapes what it interpolates. */
export class SafeHtml {
  constructor(readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML: safe in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => entities[character]);
}

/**
 * A tagged template for mail HTML: every interpolated value is escaped unless it is `SafeHtml` (a fragment built
 * by this tag) or an array of them, so a customer's or a product's name can never inject markup.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  const insert = (value: unknown): string =>
    value instanceof SafeHtml ? value.markup : Array.isArray(value) ? value.map(insert).join('') : escapeHtml(String(value));
  return new SafeHtml(strings.reduce((markup, part, i) => markup + insert(values[i - 1]) + part));
}
