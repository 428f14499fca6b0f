/**
 * Reads the domain events from their TypeScript declarations, so the AsyncAPI document cannot drift from them: every
 * interface under src/domain that extends DomainEvent and fixes `type` to a string literal is an event (to a union of
 * literals, one event per literal, sharing the payload), and its properties become a JSON Schema (Date -> date-time string, string-literal unions -> enum, arrays, nested
 * interfaces). A property type this reader does not know fails the generation rather than being guessed.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';

export type JsonSchema = Record<string, unknown>;

export interface DomainEventType {
  /** The event's `type`, e.g. `order.placed`. */
  readonly type: string;
  /** The interface's name, e.g. `OrderPlaced`. */
  readonly name: string;
  readonly description: string;
  /** The event's own fields: everything but the DomainEvent envelope (type, aggregateId, occurredAt). */
  readonly payload: JsonSchema;
}

const ENVELOPE = new Set(['type', 'aggregateId', 'occurredAt']);

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [join(dir, entry.name)] : [],
  );

export function readDomainEventTypes(root: string): DomainEventType[] {
  const program = ts.createProgram(filesUnder(resolve(root, 'src/domain')), { strict: true, target: ts.ScriptTarget.ES2023, noEmit: true });
  const checker = program.getTypeChecker();
  const events: DomainEventType[] = [];
  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile) continue;
    ts.forEachChild(file, (node) => {
      if (!ts.isInterfaceDeclaration(node) || !extendsDomainEvent(node)) return;
      const type = checker.getTypeAtLocation(node);
      const typeProperty = type.getProperty('type');
      const declared = typeProperty && checker.getTypeOfSymbolAtLocation(typeProperty, node);
      const literals = declared?.isUnion() ? declared.types : declared ? [declared] : [];
      if (literals.length === 0 || !literals.every((literal) => literal.isStringLiteral())) return;
      const payload = objectSchema(checker, type, node, (name) => !ENVELOPE.has(name));
      const description = docOf(checker, checker.getSymbolAtLocation(node.name));
      for (const literal of literals) events.push({ type: (literal as ts.StringLiteralType).value, name: node.name.text, description, payload });
    });
  }
  return events.sort((a, b) => a.type.localeCompare(b.type));
}

const extendsDomainEvent = (node: ts.InterfaceDeclaration) =>
  node.heritageClauses?.some((clause) => clause.types.some((heritage) => heritage.expression.getText() === 'DomainEvent')) ?? false;

function docOf(checker: ts.TypeChecker, symbol: ts.Symbol | undefined): string {
  return symbol ? ts.displayPartsToString(symbol.getDocumentationComment(checker)).replace(/\s+/g, ' ').trim() : '';
}

function objectSchema(checker: ts.TypeChecker, type: ts.Type, at: ts.Node, include: (name: string) => boolean = () => true): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const property of checker.getPropertiesOfType(type)) {
    if (!include(property.name)) continue;
    const optional = (property.flags & ts.SymbolFlags.Optional) !== 0;
    const declared = checker.getTypeOfSymbolAtLocation(property, at);
    // An optional property is absent rather than undefined in JSON: its schema is the type without `undefined`.
    const schema = schemaOf(checker, optional ? checker.getNonNullableType(declared) : declared, at, property.name);
    const description = docOf(checker, property);
    properties[property.name] = description ? { ...schema, description } : schema;
    if (!optional) required.push(property.name);
  }
  return { type: 'object', properties, required, additionalProperties: false };
}

function schemaOf(checker: ts.TypeChecker, type: ts.Type, at: ts.Node, name: string): JsonSchema {
  if (type.flags & ts.TypeFlags.String) return { type: 'string' };
  if (type.flags & ts.TypeFlags.Number) return { type: 'number' };
  if (type.flags & ts.TypeFlags.Boolean) return { type: 'boolean' };
  if (type.isStringLiteral()) return { type: 'string', const: type.value };
  if (type.isUnion() && type.types.every((member) => member.isStringLiteral())) {
    return { type: 'string', enum: type.types.map((member) => (member as ts.StringLiteralType).value) };
  }
  if (checker.isArrayType(type)) {
    const [element] = checker.getTypeArguments(type as ts.TypeReference);
    return { type: 'array', items: schemaOf(checker, element, at, name) };
  }
  if (type.getSymbol()?.getName() === 'Date') return { type: 'string', format: 'date-time' };
  if (type.flags & ts.TypeFlags.Object) return objectSchema(checker, type, at);
  throw new Error(`${name}: no JSON Schema for the type ${checker.typeToString(type)}`);
}
