/** A snapshot of what was bought at what price: later catalogue changes never alter a placed order. */
export interface OrderLine {
  readonly productId: string;
  readonly sku: string;
  readonly name: string;
  /** Minor units, in the order's currency. */
  readonly unitPrice: number;
  readonly quantity: number;
  readonly lineTotal: number;
}
