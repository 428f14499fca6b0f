import { Migration } from '@mikro-orm/migrations';

/**
 * The refunds' guard (M004) runs only when a row is inserted or one of the columns it reads changes. On every update
 * it locked the order of a pending refund: reconciliation's claim (an update of `reconcile_claimed_until` alone) then
 * held the refund's row and waited for the order's, the opposite order to settling's (order, then transaction).
 */
export class M021RefundGuardColumns extends Migration {
  override name = 'M021RefundGuardColumns';

  override up(): void {
    this.addSql('drop trigger transactions_refund_guard on transactions');
    this.addSql(`
      create trigger transactions_refund_guard after insert or update of type, status, amount, order_id on transactions
        for each row execute function transactions_refund_guard()`);
  }

  override down(): void {
    this.addSql('drop trigger transactions_refund_guard on transactions');
    this.addSql(`
      create trigger transactions_refund_guard after insert or update on transactions
        for each row execute function transactions_refund_guard()`);
  }
}
