/** Whether a payment of an order is being processed right now: such an order must not be cancelled under it. */
export abstract class PaymentsInFlight {
  abstract exist(orderId: string): Promise<boolean>;
}
