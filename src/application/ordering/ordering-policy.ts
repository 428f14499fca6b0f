/** The store's ordering rules from configuration. */
export abstract class OrderingPolicy {
  abstract readonly paymentTimeoutSeconds: number;
  abstract readonly maxOpenOrders: number;
  /** Only customers whose address is proven may order (REQUIRE_VERIFIED_EMAIL). */
  abstract readonly requireVerifiedEmail: boolean;
}
