import type { MigrationObject } from '@mikro-orm/core';
import { M001Identity } from './m001-identity';

/** The committed migrations, in order. Listed explicitly so that discovery never depends on globbing files. */
export const migrations: MigrationObject[] = [{ name: 'M001Identity', class: M001Identity }];
