type ParseAddresses = typeof import('nodemailer/lib/addressparser').default;

/**
 * A From that nodemailer sends as one sender: its own parser reads the value as one mailbox with an address (a name,
 * quoted or not, and the address in angle brackets, or the address alone). `not an address` went out as an empty
 * sender, every mail looking like a bounce. The parser is loaded only when MAIL_FROM is set.
 */
export function isMailbox(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  // Its CommonJS build exports the function itself.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const parse = require('nodemailer/lib/addressparser') as ParseAddresses;
  const entries = parse(value);
  return entries.length === 1 && entries[0].group === undefined && /^[^@\s]+@[^@\s]+$/.test(entries[0].address ?? '');
}
