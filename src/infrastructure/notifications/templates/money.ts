/** An amount in integer minor units as people read it, e.g. 123456 USD -> "$1,234.56", 500 JPY -> "¥500". */
export function formatMoney(amount: number, currency: string): string {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
  return format.format(amount / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}
