/** The spellings of a new context's names that the templates need, from its kebab-case name. */
export interface Names {
  /** kebab-case context name and URL path: `gift-cards` */
  context: string;
  /** PascalCase of the context: `GiftCards` */
  Context: string;
  /** the aggregate's class: `GiftCard` */
  Aggregate: string;
  /** camelCase of the aggregate: `giftCard` */
  aggregate: string;
  /** kebab-case of the aggregate, for file names: `gift-card` */
  file: string;
  /** the table: `gift_cards` */
  table: string;
  /** the migration's number and class: `9`, `M009GiftCards` */
  migration: { number: number; className: string; file: string };
}

const pascal = (kebab: string) => kebab.replace(/(^|-)([a-z0-9])/g, (_, __, letter: string) => letter.toUpperCase());

export function namesOf(context: string, migrationNumber: number, aggregate?: string): Names {
  const Aggregate = aggregate ?? pascal(context.endsWith('s') ? context.slice(0, -1) : context);
  const file = Aggregate.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  const padded = String(migrationNumber).padStart(3, '0');
  return {
    context,
    Context: pascal(context),
    Aggregate,
    aggregate: Aggregate[0].toLowerCase() + Aggregate.slice(1),
    file,
    table: `${file.replace(/-/g, '_')}s`,
    migration: { number: migrationNumber, className: `M${padded}${pascal(context)}`, file: `m${padded}-${context}` },
  };
}
