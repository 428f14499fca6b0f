/** The top-products report's read model: what each product sold, per day of payment. */
export abstract class ProductSalesLedger {
  /** Counts the lines of these paid orders on their day of payment; an order counted before is skipped. */
  abstract recordPaidOrders(orderIds: readonly string[]): Promise<void>;
}
