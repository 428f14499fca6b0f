import type { EntityProperty } from '@mikro-orm/core';
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

let lastMoment = { time: Number.NaN, text: '' };

/**
 * A moment as the protocol's text: pg writes a Date in the process's zone field by field (some 5 µs each), and
 * every column that takes one here is a `timestamptz`, which reads the ISO form's `Z` alike. The last one is kept:
 * a use case stamps its row, its event and its checks with the one moment it read from the clock.
 */
function protocolValue(value: unknown): unknown {
  if (!(value instanceof Date)) return value;
  const time = value.getTime();
  if (time !== lastMoment.time) lastMoment = { time, text: value.toISOString() };
  return lastMoment.text;
}

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

const insertShapes = new WeakMap<object, InsertShape>();

/** The insert of an entity of scalar properties only, its columns and their types read from its mapping once. */
function insertShapeOf(em: SqlEntityManager, entityClass: object): InsertShape {
  const meta = em.getMetadata().get(entityClass as never);
  const props = meta.props.filter((prop) => prop.persist !== false);
  const unmapped = props.find((prop) => prop.kind !== 'scalar' || prop.fieldNames.length !== 1);
  if (unmapped) throw new Error(`${meta.className}.${unmapped.name} is not one column: insert it through the ORM.`);
  const columns = props.map((prop) => prop.fieldNames[0]).join(', ');
  const shape = { sql: `insert into ${meta.tableName} (${columns}) values (${props.map(() => '?').join(', ')})`, props };
  insertShapes.set(entityClass, shape);
  return shape;
}

/**
 * A new entity's row in one statement of the EntityManager's transaction, each value converted by its mapped
 * type: `em.insert` also builds a change set, formats every value into the SQL text and logs (an order's costliest
 * statement). Like `em.insert`, it leaves the identity map alone.
 */
export async function insertNative(em: SqlEntityManager, entity: object): Promise<void> {
  const shape = insertShapes.get(entity.constructor) ?? insertShapeOf(em, entity.constructor);
  const platform = em.getPlatform();
  const row = entity as Record<string, unknown>;
  const values = shape.props.map((prop) => {
    const value = row[prop.name];
    return prop.customType ? prop.customType.convertToDatabaseValue(value, platform, { mode: 'query' }) : value;
  });
  await runNative(em, shape.sql, values);
}
