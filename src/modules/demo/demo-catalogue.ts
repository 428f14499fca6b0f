import { EXAMPLE_CUSTOMER, EXAMPLE_PRODUCT_ID } from '../shared/api-examples';

/**
 * A small, plausible catalogue for trying the API out. Prices in cents. The ids are fixed so that the examples
 * of the API document (an order for the blue mug) work as they stand in Swagger UI's "Try it out".
 */
export const DEMO_PRODUCTS = [
  { id: EXAMPLE_PRODUCT_ID, sku: 'MUG-BLUE-350', name: 'Blue mug, 350 ml', price: 1299, stock: 120 },
  { id: '0194c000-0000-7000-8000-000000000002', sku: 'MUG-WHITE-350', name: 'White mug, 350 ml', price: 1199, stock: 80 },
  { id: '0194c000-0000-7000-8000-000000000003', sku: 'TEE-BLACK-M', name: 'Black T-shirt, M', price: 2499, stock: 60 },
  { id: '0194c000-0000-7000-8000-000000000004', sku: 'TEE-BLACK-L', name: 'Black T-shirt, L', price: 2499, stock: 45 },
  { id: '0194c000-0000-7000-8000-000000000005', sku: 'HOOD-GREY-M', name: 'Grey hoodie, M', price: 5999, stock: 30 },
  { id: '0194c000-0000-7000-8000-000000000006', sku: 'CAP-NAVY', name: 'Navy cap', price: 1999, stock: 75 },
  { id: '0194c000-0000-7000-8000-000000000007', sku: 'BAG-TOTE', name: 'Canvas tote bag', price: 1599, stock: 200 },
  { id: '0194c000-0000-7000-8000-000000000008', sku: 'NOTE-A5-DOT', name: 'A5 dotted notebook', price: 899, stock: 300 },
  { id: '0194c000-0000-7000-8000-000000000009', sku: 'PEN-GEL-BLK', name: 'Black gel pen', price: 299, stock: 1000 },
  { id: '0194c000-0000-7000-8000-000000000010', sku: 'STICK-PACK-10', name: 'Sticker pack (10)', price: 499, stock: 500 },
  { id: '0194c000-0000-7000-8000-000000000011', sku: 'BOTTLE-STEEL-750', name: 'Steel bottle, 750 ml', price: 2999, stock: 40 },
  { id: '0194c000-0000-7000-8000-000000000012', sku: 'LAST-ONE', name: 'Limited print (last one)', price: 9900, stock: 1 },
] as const;

export const DEMO_ADMIN = { email: 'admin@example.com', password: 'demo-admin-password' } as const;
export const DEMO_CUSTOMER = EXAMPLE_CUSTOMER;
