import type { EntitySchema } from '@mikro-orm/core';
import { ProductSchema } from './catalogue/product.schema';
import { AccountTokenSchema } from './identity/account-token.schema';
import { SessionSchema } from './identity/session.schema';
import { UserSchema } from './identity/user.schema';
import { OrderSchema } from './ordering/order.schema';
import { TransactionSchema } from './payments/transaction.schema';

/** Every mapping of a domain class, grouped by bounded context. */
export const entitySchemas: EntitySchema[] = [
  // identity
  UserSchema,
  SessionSchema,
  AccountTokenSchema,
  // catalogue
  ProductSchema,
  // ordering
  OrderSchema,
  // payments
  TransactionSchema,
];
