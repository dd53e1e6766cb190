/**
 * Generates `schema/policy.schema.json`, the JSON Schema of a policy file, from the zod
 * schema (the shape) and the TSDoc of the hand-written types (the descriptions editors
 * show on hover, and `@defaultValue`s). The library's `policyJsonSchema()` returns it.
 *
 *   npx tsx scripts/generate-schema.ts          writes the file
 *   npx tsx scripts/generate-schema.ts --check  exits 1 if the file is stale
 *
 * test/policy/json-schema.test.ts fails when the committed file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import * as z from 'zod/mini';
import { policySchema } from '../src/policy/policy-schema.js';

type JsonSchema = { [key: string]: unknown };

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SCHEMA_FILE: string = `${ROOT}schema/policy.schema.json`;
const TYPES_FILE = `${ROOT}src/policy/policy-document.ts`;
const KEBAB = '^[a-z0-9]+(?:-[a-z0-9]+)*$';
/** Record sections whose keys are ids. */
const ID_RECORDS = new Set(['calendars', 'roles', 'schedules', 'templates']);

function isObject(value: unknown): value is JsonSchema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function documentation(symbol: ts.Symbol, checker: ts.TypeChecker): { text: string; defaultValue?: unknown } {
  const text = ts.displayPartsToString(symbol.getDocumentationComment(checker)).replace(/\s+/g, ' ').trim();
  const tag = symbol.getJsDocTags(checker).find((t) => t.name === 'defaultValue');
  if (tag === undefined) return { text };
  const raw = ts.displayPartsToString(tag.text).trim();
  return { text, defaultValue: JSON.parse(raw) as unknown };
}

/** The member of a union type that fits a JSON Schema branch (by kind and property names). */
function branchType(branch: JsonSchema, type: ts.Type, checker: ts.TypeChecker): ts.Type | undefined {
  const members = type.isUnion() ? type.types : [type];
  if (isObject(branch.properties)) {
    const keys = Object.keys(branch.properties);
    return members.find(
      (member) => keys.every((key) => member.getProperty(key) !== undefined) && !checker.isArrayType(member),
    );
  }
  if (branch.type === 'array')
    return members.find((member) => checker.isArrayType(member) || checker.isTupleType(member));
  return undefined;
}

function annotate(node: JsonSchema, type: ts.Type, checker: ts.TypeChecker, key?: string): void {
  if (Array.isArray(node.anyOf)) {
    for (const branch of node.anyOf) {
      if (!isObject(branch)) continue;
      const member = branchType(branch, type, checker);
      if (member !== undefined) annotate(branch, member, checker);
    }
    return;
  }
  if (isObject(node.properties)) {
    const object = type.isUnion() ? branchType(node, type, checker) : type;
    if (object === undefined) return;
    for (const [name, child] of Object.entries(node.properties)) {
      const symbol = object.getProperty(name);
      if (symbol === undefined || !isObject(child)) continue;
      const doc = documentation(symbol, checker);
      if (doc.text !== '') child.description = doc.text;
      if (doc.defaultValue !== undefined) child.default = doc.defaultValue;
      if (name === 'id' && child.type === 'string') child.pattern = KEBAB;
      annotate(child, checker.getNonNullableType(checker.getTypeOfSymbol(symbol)), checker, name);
    }
  }
  if (isObject(node.items)) {
    const element = checker.isArrayType(type)
      ? checker.getTypeArguments(type as ts.TypeReference)[0]
      : undefined;
    if (element !== undefined) {
      const symbol = element.aliasSymbol ?? element.getSymbol();
      const doc = symbol === undefined ? undefined : documentation(symbol, checker);
      if (
        doc !== undefined &&
        doc.text !== '' &&
        node.items.description === undefined &&
        !element.isUnion()
      ) {
        node.items.description = doc.text;
      }
      annotate(node.items, element, checker);
    }
  }
  if (isObject(node.additionalProperties)) {
    const value = checker.getIndexTypeOfType(type, ts.IndexKind.String);
    if (key !== undefined && ID_RECORDS.has(key)) node.propertyNames = { type: 'string', pattern: KEBAB };
    if (value !== undefined) annotate(node.additionalProperties, value, checker);
  }
}

/** The JSON Schema of a policy file, with descriptions from the TSDoc of `PolicyDocument`. */
export function buildPolicyJsonSchema(): JsonSchema {
  const schema = z.toJSONSchema(policySchema, { target: 'draft-2020-12' }) as JsonSchema;
  const program = ts.createProgram([TYPES_FILE], {
    strict: true,
    exactOptionalPropertyTypes: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(TYPES_FILE);
  if (source === undefined) throw new Error(`cannot read ${TYPES_FILE}`);
  const module = checker.getSymbolAtLocation(source);
  const documentSymbol =
    module === undefined
      ? undefined
      : checker.getExportsOfModule(module).find((s) => s.name === 'PolicyDocument');
  if (documentSymbol === undefined) throw new Error('PolicyDocument is not exported');
  annotate(schema, checker.getDeclaredTypeOfSymbol(documentSymbol), checker);
  return {
    $schema: schema.$schema,
    $id: 'https://unpkg.com/escalation-engine/schema/policy.schema.json',
    title: 'escalation-engine policy',
    description: documentation(documentSymbol, checker).text,
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}

/** The file's text: two-space JSON and a final newline. */
export function schemaFileText(): string {
  return `${JSON.stringify(buildPolicyJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = schemaFileText();
  if (process.argv.includes('--check')) {
    const stale = readFileSync(SCHEMA_FILE, 'utf8') !== text;
    if (stale) console.error('schema/policy.schema.json is stale: run `npm run schema`');
    process.exit(stale ? 1 : 0);
  }
  writeFileSync(SCHEMA_FILE, text);
  console.log(`wrote ${SCHEMA_FILE}`);
}
