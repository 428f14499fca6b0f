/**
 * Values the API document's examples use that must exist for Swagger UI's "Try it out" to work as it stands:
 * the demo data that `npm start` seeds (modules/demo) is built from the same constants.
 */
export const EXAMPLE_CUSTOMER = { email: 'customer@example.com', password: 'demo-customer-password', name: 'Demo Customer' } as const;

/** The demo catalogue's blue mug. */
export const EXAMPLE_PRODUCT_ID = '0194c000-0000-7000-8000-000000000001';
