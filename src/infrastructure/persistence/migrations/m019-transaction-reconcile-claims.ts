import { Migration } from '@mikro-orm/migrations';

/**
 * Reconciliation claims a stale pending transaction before it asks the processor about it: `reconcile_claimed_until`
 * passes it over meanwhile, for other instances (a claim under SKIP LOCKED that committed before the lookup held
 * nothing, so every instance asked about the same rows) and for later sweeps (one whose lookup failed came first
 * again on every sweep, ahead of all the others). Null until the first claim.
 */
export class M019TransactionReconcileClaims extends Migration {
  override name = 'M019TransactionReconcileClaims';

  override up(): void {
    this.addSql('alter table transactions add column reconcile_claimed_until timestamptz null');
  }

  override down(): void {
    this.addSql('alter table transactions drop column reconcile_claimed_until');
  }
}
