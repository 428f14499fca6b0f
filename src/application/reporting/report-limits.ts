/** The configured limits of report queries. */
export abstract class ReportLimits {
  abstract readonly maxRangeDays: number;
}
