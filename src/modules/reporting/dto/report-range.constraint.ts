import { Injectable } from '@nestjs/common';
import { Validate, ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface } from 'class-validator';
import { ReportLimits } from '../../../application/reporting/report-limits';
import { isCalendarDate, ReportRange } from '../../../domain/reporting/report-range';

/**
 * `to` against `from` and the configured longest range, by the domain's own rule (ReportRange), checked with the
 * other fields so that one reply names every bad one. Dates that are no dates are left to their own check.
 */
@Injectable()
@ValidatorConstraint({ name: 'isReportRange' })
export class ReportRangeConstraint implements ValidatorConstraintInterface {
  constructor(private readonly limits: ReportLimits) {}

  validate(_to: unknown, args: ValidationArguments): boolean {
    return this.refusal(args) === undefined;
  }

  defaultMessage(args: ValidationArguments): string {
    return this.refusal(args) ?? '';
  }

  private refusal({ object }: ValidationArguments): string | undefined {
    const { from, to } = object as { from: unknown; to: unknown };
    if (typeof from !== 'string' || typeof to !== 'string' || !isCalendarDate(from) || !isCalendarDate(to)) return undefined;
    try {
      ReportRange.parse(from, to, this.limits.maxRangeDays);
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  }
}

export const IsReportRange = () => Validate(ReportRangeConstraint);
