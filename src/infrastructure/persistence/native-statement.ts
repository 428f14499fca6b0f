import type { EntityClass, EntityMetadata, EntityProperty, Platform } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { CompiledQuery } from 'kysely';

const numbered = new Map<string, string>();

/** `?` placeholders as PostgreSQL's `$1, $2, ...`; the statements given here hold no `?` of their own. */
function withNumberedPlaceholders(sql: string): string {
  let text = numbered.get(sql);
  if (text === undefined) {
    let position = 0;
    text = sql.replace(/\?/g, () => `$${++position}`);
    numbered.set(sql, text);
  }
  return text;
}

/**
 * A moment as the text MikroORM writes with `forceUtcTimezone` (ISO, in UTC), where pg would write it in the
 * process's zone: every column that takes one here is a `timestamptz`, which reads both alike; PGlite sends Dates
 * as ISO text itself. A `timestamp` or `date` parameter would need its own text.
 */
const protocolValue = (value: unknown): unknown => (value instanceof Date ? value.toISOString() : value);

/**
 * A statement in the EntityManager's transaction (Kysely bound to it), its parameters sent as the protocol's:
 * `em.execute` writes each into the SQL text and builds a logging context first, some 40 µs of CPU per statement
 * on an order's path, where the baseline sends the same statements with parameters.
 */
export async function runNative<Row>(em: SqlEntityManager, sql: string, params: readonly unknown[]): Promise<readonly Row[]> {
  return (await em.getKysely().executeQuery<Row>(CompiledQuery.raw(withNumberedPlaceholders(sql), params.map(protocolValue)))).rows;
}

interface InsertShape {
  readonly sql: string;
  readonly props: readonly EntityProperty[];
}

const insertShapes = new WeakMap<EntityMetadata, InsertShape>();

/** The insert of an entity of scalar properties only, its columns and their types read from its mapping once. */
function insertShapeOf(meta: EntityMetadata, platform: Platform): InsertShape {
  const props = meta.props.filter((prop) => prop.persist !== false);
  const unmapped = props.find((prop) => prop.kind !== 'scalar' || prop.fieldNames.length !== 1);
  if (unmapped) throw new Error(`${meta.className}.${unmapped.name} is not one column: insert it through the ORM.`);
  const columns = props.map((prop) => platform.quoteIdentifier(prop.fieldNames[0])).join(', ');
  const sql = `insert into ${platform.quoteIdentifier(meta.tableName)} (${columns}) values (${props.map(() => '?').join(', ')})`;
  const shape = { sql, props };
  insertShapes.set(meta, shape);
  return shape;
}

/**
 * A new entity's row in one statement of the EntityManager's transaction, each value converted by its mapped
 * type: `em.insert` also builds a change set, formats every value into the SQL text and logs (an order's costliest
 * statement). Like `em.insert`, it leaves the identity map alone. Every property must hold a value (null for none):
 * no column is left to a default of the ORM's or the database's.
 */
export async function insertNative(em: SqlEntityManager, entity: object): Promise<void> {
  const meta = em.getMetadata().get(entity.constructor as EntityClass<object>);
  const platform = em.getPlatform();
  const shape = insertShapes.get(meta) ?? insertShapeOf(meta, platform);
  const row = entity as Record<string, unknown>;
  const values = shape.props.map((prop) => {
    const value = row[prop.name];
    if (value === undefined) throw new Error(`${meta.className}.${prop.name} is not set: an insert writes every column.`);
    return prop.customType ? prop.customType.convertToDatabaseValue(value, platform, { mode: 'query' }) : value;
  });
  await runNative(em, shape.sql, values);
}
