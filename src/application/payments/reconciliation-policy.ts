/** How long a transaction may stay pending before reconciliation asks the processor about it. */
export abstract class ReconciliationPolicy {
  abstract readonly graceSeconds: number;
}
