/** What each benchmark scenario sends. Runs inside the load process, so request builders may keep state. */
import type { Options } from 'autocannon';

export interface ScenarioInput {
  url: string;
  productIds: string[];
  tokens: string[];
  customerPassword: string;
  customerEmails: string[];
}

type Requests = NonNullable<Options['requests']>;

/** Per-connection state of the pay flow: the token used and the order to pay. */
type FlowContext = { token?: string; orderId?: string };

/** Round robin per list: with one counter shared by two lists of even length, half of each was never used. */
const counters = new WeakMap<unknown[], number>();
const next = <T>(items: T[]) => {
  const n = counters.get(items) ?? 0;
  counters.set(items, n + 1);
  return items[n % items.length];
};
const json = { 'content-type': 'application/json' };

export const scenarios: Record<string, (input: ScenarioInput) => { requests: Requests }> = {
  'GET /products/{id}': ({ productIds }) => ({
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/v1/products/${next(productIds)}` }) }],
  }),
  'GET /products?limit=20': () => ({ requests: [{ method: 'GET', path: '/api/v1/products?limit=20' }] }),
  'GET /orders?limit=20': ({ tokens }) => ({
    requests: [{ method: 'GET', path: '/api/v1/orders?limit=20', setupRequest: (req) => ({ ...req, headers: { authorization: `Bearer ${next(tokens)}` } }) }],
  }),
  'POST /orders': ({ tokens, productIds }) => ({
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => ({
          ...req,
          path: '/api/v1/orders',
          headers: { ...json, authorization: `Bearer ${next(tokens)}` },
          body: JSON.stringify({ items: [{ productId: next(productIds), quantity: 1 }] }),
        }),
      },
    ],
  }),
  'pay flow (order + payment)': ({ tokens, productIds }) => ({
    requests: [
      {
        method: 'POST',
        setupRequest: (req, raw) => {
          const context = raw as FlowContext;
          context.token = next(tokens);
          return {
            ...req,
            path: '/api/v1/orders',
            headers: { ...json, authorization: `Bearer ${context.token}` },
            body: JSON.stringify({ items: [{ productId: next(productIds), quantity: 1 }] }),
          };
        },
        onResponse: (_status, body, context) => {
          (context as FlowContext).orderId = JSON.parse(body).id;
        },
      },
      {
        method: 'POST',
        setupRequest: (req, raw) => {
          const context = raw as FlowContext;
          return {
            ...req,
            path: `/api/v1/orders/${context.orderId}/payments`,
            headers: { ...json, authorization: `Bearer ${context.token}`, 'idempotency-key': `bench-${context.orderId}` },
            body: JSON.stringify({ paymentMethod: 'pm_card_visa' }),
          };
        },
      },
    ],
  }),
  'POST /auth/login': ({ customerEmails, customerPassword }) => ({
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => ({
          ...req,
          path: '/api/v1/auth/login',
          headers: json,
          body: JSON.stringify({ email: next(customerEmails), password: customerPassword }),
        }),
      },
    ],
  }),
};
