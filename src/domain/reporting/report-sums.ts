import { DomainError } from '../shared/domain-error';

/** A sum past what a JSON number carries exactly: the report would show cents that are not there. */
export class ReportTooLarge extends DomainError {
  readonly code = 'report-too-large';
  readonly kind = 'unprocessable';
  constructor() {
    super(`A sum of this report passes ${Number.MAX_SAFE_INTEGER}, beyond what a JSON number holds exactly; ask for a shorter range.`);
  }
}

/**
 * A sum the database made, as the decimal text it sends sums in: a number only while it is exact. Orders and
 * prices are each in the safe range, but a period's sum of them need not be.
 */
export function exactSum(decimal: string): number {
  if (BigInt(decimal) > BigInt(Number.MAX_SAFE_INTEGER)) throw new ReportTooLarge();
  return Number(decimal);
}

/** `a + b`, refused once it is no longer exact. */
export function addExactly(a: number, b: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new ReportTooLarge();
  return sum;
}
