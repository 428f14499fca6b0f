import { Query } from 'pg';

type Parser = (text: string) => unknown;

/** A column of a RowDescription, as pg-protocol parses it. */
interface Field {
  name: string;
  dataTypeID: number;
  format: 'text' | 'binary';
}

/** What a statement's rows are decoded with on one connection: its columns, their names and parsers. */
interface RowShape {
  fields: readonly Field[];
  names: readonly string[];
  parsers: readonly Parser[];
}

/** A pg client's type parsers (its own TypeOverrides, the pool's `types` behind them). */
interface TypeParsers {
  getTypeParser(oid: number, format: Field['format']): Parser;
}

/** What of pg 8.23's Query and Result this class steps in for (test/platform/prepared-reads.e2e-spec.ts checks it). */
interface QueryInternals {
  /** `_types` is the client's: the client sets it when the query is submitted. */
  _result: { fields: Field[]; rows: unknown[]; _types: TypeParsers };
  _canceledDueToError: unknown;
}

/** Shapes by connection (each pg client has type parsers of its own) and statement name. */
const shapesByConnection = new WeakMap<TypeParsers, Map<string, RowShape>>();

/** PostgreSQL refuses to run a prepared statement whose columns changed; checked anyway, as a wrong parser misreads silently. */
const sameColumns = (shape: RowShape, fields: readonly Field[]) =>
  shape.fields.length === fields.length &&
  shape.fields.every((field, i) => field.name === fields[i].name && field.dataTypeID === fields[i].dataTypeID && field.format === fields[i].format);

/**
 * A named prepared statement whose rows are decoded with the shape its columns were first described with. pg's
 * Result rebuilds a row template from every RowDescription (an `Object.create(null)` object spread into another,
 * V8's slow clone path: 6-9 µs of every query under Linux perf) and sets
 * each value by a field name freshly read off the wire, looked up in V8's string table per field of every row.
 * Here a statement's columns are compared with its shape's (cheap: short strings and numbers) and its rows built
 * with the shape's names. The protocol (parse once, bind, describe, execute, sync) and errors stay pg's own.
 * Only with a callback (the pool's); rows are not emitted as 'row' events, and come in text format (the app never
 * asks pg for binary ones). A connection's parsers are taken when a statement is first described on it, so type
 * parsers are set before the first query (MikroORM sets its own before the pool exists); column names are the
 * app's own (one named `__proto__` would set the row's prototype, where pg's template makes it a property).
 */
export class PreparedRead extends Query {
  private shape!: RowShape;

  constructor(
    private readonly statement: string,
    text: string,
    values: unknown[],
  ) {
    super({ name: statement, text, values });
  }

  handleRowDescription(message: { fields: Field[] }): void {
    const { fields } = message;
    const internals = this as unknown as QueryInternals;
    internals._result.fields = fields;
    const typeParsers = internals._result._types;
    let shapes = shapesByConnection.get(typeParsers);
    if (!shapes) shapesByConnection.set(typeParsers, (shapes = new Map()));
    const known = shapes.get(this.statement);
    if (known && sameColumns(known, fields)) {
      this.shape = known;
      return;
    }
    this.shape = { fields, names: fields.map((field) => field.name), parsers: fields.map((field) => typeParsers.getTypeParser(field.dataTypeID, field.format)) };
    shapes.set(this.statement, this.shape);
  }

  handleDataRow(message: { fields: Array<string | null> }): void {
    const internals = this as unknown as QueryInternals;
    if (internals._canceledDueToError) return;
    const { names, parsers } = this.shape;
    const row: Record<string, unknown> = {};
    try {
      for (let i = 0; i < names.length; i++) {
        const text = message.fields[i];
        row[names[i]] = text === null ? null : parsers[i](text);
      }
    } catch (error) {
      // As pg's Query: the error is the query's once the server has said it is ready.
      internals._canceledDueToError = error;
      return;
    }
    internals._result.rows.push(row);
  }
}
