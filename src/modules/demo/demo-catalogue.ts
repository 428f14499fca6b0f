/** A small, plausible catalogue for trying the API out. Prices in cents. */
export const DEMO_PRODUCTS = [
  { sku: 'MUG-BLUE-350', name: 'Blue mug, 350 ml', price: 1299, stock: 120 },
  { sku: 'MUG-WHITE-350', name: 'White mug, 350 ml', price: 1199, stock: 80 },
  { sku: 'TEE-BLACK-M', name: 'Black T-shirt, M', price: 2499, stock: 60 },
  { sku: 'TEE-BLACK-L', name: 'Black T-shirt, L', price: 2499, stock: 45 },
  { sku: 'HOOD-GREY-M', name: 'Grey hoodie, M', price: 5999, stock: 30 },
  { sku: 'CAP-NAVY', name: 'Navy cap', price: 1999, stock: 75 },
  { sku: 'BAG-TOTE', name: 'Canvas tote bag', price: 1599, stock: 200 },
  { sku: 'NOTE-A5-DOT', name: 'A5 dotted notebook', price: 899, stock: 300 },
  { sku: 'PEN-GEL-BLK', name: 'Black gel pen', price: 299, stock: 1000 },
  { sku: 'STICK-PACK-10', name: 'Sticker pack (10)', price: 499, stock: 500 },
  { sku: 'BOTTLE-STEEL-750', name: 'Steel bottle, 750 ml', price: 2999, stock: 40 },
  { sku: 'LAST-ONE', name: 'Limited print (last one)', price: 9900, stock: 1 },
] as const;

export const DEMO_ADMIN = { email: 'admin@example.com', password: 'demo-admin-password' } as const;
export const DEMO_CUSTOMER = { email: 'customer@example.com', password: 'demo-customer-password', name: 'Demo Customer' } as const;
