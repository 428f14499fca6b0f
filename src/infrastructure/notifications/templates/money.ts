/** One formatter per currency: building an Intl.NumberFormat costs several µs, and a receipt formats every line. */
const formatters = new Map<string, { format: Intl.NumberFormat; minorUnitsPerUnit: number }>();

/** An amount in integer minor units as people read it, e.g. 123456 USD -> "$1,234.56", 500 JPY -> "¥500". */
export function formatMoney(amount: number, currency: string): string {
  let formatter = formatters.get(currency);
  if (!formatter) {
    const format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    formatter = { format, minorUnitsPerUnit: 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2) };
    formatters.set(currency, formatter);
  }
  return formatter.format.format(amount / formatter.minorUnitsPerUnit);
}
