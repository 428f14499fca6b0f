/** The store's ordering rules from configuration. */
export abstract class OrderingPolicy {
  abstract readonly paymentTimeoutSeconds: number;
  abstract readonly maxOpenOrders: number;
}
