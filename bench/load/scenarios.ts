/** The benchmark scenarios: the wrk script (bench/load/lua) each runs, and the seeded data the scripts read. */
export interface ScenarioInput {
  url: string;
  productIds: string[];
  /** An access token per customer, in the order of customerIds and customerEmails. */
  tokens: string[];
  customerIds: string[];
  customerEmails: string[];
  customerPassword: string;
}

const scripts: Record<string, string> = {
  'GET /products/{id}': 'product-by-id.lua',
  'GET /products?limit=20': 'product-list.lua',
  'GET /orders?limit=20': 'order-list.lua',
  'POST /orders': 'place-order.lua',
  'pay flow (order + payment)': 'pay-flow.lua',
  'POST /auth/login': 'login.lua',
};

export function scriptOf(scenario: string): string {
  const script = scripts[scenario];
  if (!script) throw new Error(`no such scenario: ${scenario} (known: ${Object.keys(scripts).join(', ')})`);
  return script;
}
