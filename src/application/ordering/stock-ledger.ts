export interface StockLine {
  readonly productId: string;
  readonly quantity: number;
}

/** Stock on hand, changed only by atomic conditional updates so it can never go below zero. */
export abstract class StockLedger {
  /**
   * Takes the quantities off stock, line by line. Returns the products that were short; the caller must then
   * abandon the unit of work so the lines already taken are rolled back.
   */
  abstract reserve(lines: readonly StockLine[]): Promise<string[]>;
  abstract release(lines: readonly StockLine[]): Promise<void>;
}
