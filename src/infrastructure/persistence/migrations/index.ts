import type { MigrationObject } from '@mikro-orm/core';
import { M001Identity } from './m001-identity';
import { M002Catalogue } from './m002-catalogue';
import { M003Ordering } from './m003-ordering';
import { M004Payments } from './m004-payments';
import { M005Idempotency } from './m005-idempotency';
import { M006Outbox } from './m006-outbox';
import { M007RateLimits } from './m007-rate-limits';
import { M008AuditLog } from './m008-audit-log';
import { M009ProductSales } from './m009-product-sales';
import { M010MailMessages } from './m010-mail-messages';
import { M011AccountTokens } from './m011-account-tokens';
import { M012Webhooks } from './m012-webhooks';
import { M013MailLeases } from './m013-mail-leases';
import { M014WebhookClaimsAndSecrets } from './m014-webhook-claims-and-secrets';
import { M015TransactionRequestKeys } from './m015-transaction-request-keys';
import { M016EmailsInNfc } from './m016-emails-in-nfc';
import { M017WebhookResends } from './m017-webhook-resends';
import { M018EventHandlerFailures } from './m018-event-handler-failures';
import { M019TransactionReconcileClaims } from './m019-transaction-reconcile-claims';
import { M020UnknownAddressLogins } from './m020-unknown-address-logins';
import { M021RefundGuardColumns } from './m021-refund-guard-columns';

/** The committed migrations, in order. Listed explicitly so that discovery never depends on globbing files. */
export const migrations: MigrationObject[] = [
  { name: 'M001Identity', class: M001Identity },
  { name: 'M002Catalogue', class: M002Catalogue },
  { name: 'M003Ordering', class: M003Ordering },
  { name: 'M004Payments', class: M004Payments },
  { name: 'M005Idempotency', class: M005Idempotency },
  { name: 'M006Outbox', class: M006Outbox },
  { name: 'M007RateLimits', class: M007RateLimits },
  { name: 'M008AuditLog', class: M008AuditLog },
  { name: 'M009ProductSales', class: M009ProductSales },
  { name: 'M010MailMessages', class: M010MailMessages },
  { name: 'M011AccountTokens', class: M011AccountTokens },
  { name: 'M012Webhooks', class: M012Webhooks },
  { name: 'M013MailLeases', class: M013MailLeases },
  { name: 'M014WebhookClaimsAndSecrets', class: M014WebhookClaimsAndSecrets },
  { name: 'M015TransactionRequestKeys', class: M015TransactionRequestKeys },
  { name: 'M016EmailsInNfc', class: M016EmailsInNfc },
  { name: 'M017WebhookResends', class: M017WebhookResends },
  { name: 'M018EventHandlerFailures', class: M018EventHandlerFailures },
  { name: 'M019TransactionReconcileClaims', class: M019TransactionReconcileClaims },
  { name: 'M020UnknownAddressLogins', class: M020UnknownAddressLogins },
  { name: 'M021RefundGuardColumns', class: M021RefundGuardColumns },
];
