import type { MigrationObject } from '@mikro-orm/core';
import { M001Identity } from './m001-identity';
import { M002Catalogue } from './m002-catalogue';
import { M003Ordering } from './m003-ordering';

/** The committed migrations, in order. Listed explicitly so that discovery never depends on globbing files. */
export const migrations: MigrationObject[] = [
  { name: 'M001Identity', class: M001Identity },
  { name: 'M002Catalogue', class: M002Catalogue },
  { name: 'M003Ordering', class: M003Ordering },
];
