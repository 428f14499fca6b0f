/**
 * How long a request waits for the processor, and how long a transaction may stay pending before reconciliation
 * asks the processor about it. The wait is at most half the grace (configuration refuses more): reconciliation never
 * settles a transaction whose request is still waiting for the answer, and would settle it differently.
 */
export abstract class ReconciliationPolicy {
  abstract readonly callDeadlineMs: number;
  abstract readonly graceSeconds: number;
}
