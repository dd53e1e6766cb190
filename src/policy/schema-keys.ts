import type { core } from 'zod/mini';

interface Def {
  readonly type: string;
  readonly shape?: Readonly<Record<string, core.$ZodType>>;
  readonly element?: core.$ZodType;
  readonly options?: readonly core.$ZodType[];
  readonly valueType?: core.$ZodType;
  readonly innerType?: core.$ZodType;
  readonly items?: readonly core.$ZodType[];
}

/**
 * Every object key a schema knows, in first-seen order, for "did you mean" on unknown keys.
 *
 * @internal
 */
export function schemaKeys(schema: core.$ZodType): string[] {
  const keys = new Set<string>();
  const seen = new Set<core.$ZodType>();
  const visit = (node: core.$ZodType | undefined): void => {
    if (node === undefined || seen.has(node)) return;
    seen.add(node);
    const def = node._zod.def as Def;
    for (const [key, child] of Object.entries(def.shape ?? {})) {
      keys.add(key);
      visit(child);
    }
    visit(def.element);
    visit(def.valueType);
    visit(def.innerType);
    for (const child of [...(def.options ?? []), ...(def.items ?? [])]) visit(child);
  };
  visit(schema);
  return [...keys];
}
