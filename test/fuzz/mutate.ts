import fc from 'fast-check';

// Structured mutations of valid inputs: a valid policy, ticket or scenario with a few nodes
// replaced, deleted, duplicated, re-typed, wrapped or deepened, and hostile keys and values
// injected at random paths. Valid inputs reach the checks that random JSON never reaches (a
// reference that almost resolves, a list with one bad item, a ticket whose history is sound
// but for one event), so this is where the bugs are.

/** Keys that lead to prototypes, constructors or conversions when read as properties. */
export const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  'then',
  'length',
] as const;

/** Words the output checks reject in any text: generated strings never contain them. */
const REJECTED = /Invalid Date|NaN|undefined|\[object |function |=> /g;

/** A copy of a value with every string freed of the words the output checks reject. */
function clean(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(REJECTED, '-');
  if (Array.isArray(value)) return value.map(clean);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) define(out, key.replace(REJECTED, '-'), clean(item));
    return out;
  }
  return value;
}

/** Sets an own data property, also for `__proto__` (as `JSON.parse` does). */
function define(target: object, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A deep copy of JSON-like data that keeps `__proto__` keys as own data properties. */
export function copyData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyData);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) define(out, key, copyData((value as Record<string, unknown>)[key]));
    return out;
  }
  return value;
}

/** `levels` objects (or arrays) around `leaf`. */
export function nest(levels: number, leaf: unknown, arrays = false): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = arrays ? [value] : { a: value };
  return value;
}

/** Strings that hit parsers and checks: instants, durations, ids, templates, URLs, odd Unicode. */
const TRICKY_STRINGS = [
  '',
  ' ',
  'sev1',
  'sev9',
  'general-triage',
  'payments',
  'enterprise',
  'resolved',
  'open',
  '__proto__',
  'constructor',
  'prototype',
  '15m',
  '3d',
  '0m',
  '1e400h',
  '75%',
  '100%',
  'breach+30m',
  '30m before',
  'PT1H30M',
  'UTC',
  'Mars/Olympus',
  '24x7',
  '24:00',
  '25:00',
  '2026-02-30',
  '2026-03-09T14:00:00Z',
  '2026-03-09T14:00:00',
  '2026-03-08T02:30:00-05:00',
  '0999-12-31T23:59:59Z',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00Z',
  '{{ticket.__proto__}}',
  '{{ticket.constructor.name}}',
  '{{ticket.subject}}',
  '{{',
  '}}',
  'javascript:alert(1)',
  'https://wiki.example.com/runbook',
  '\u0000',
  '\uD800',
  '\u202Eevil',
  'a'.repeat(300),
  'ana@example.com 4111 1111 1111 1111 sk_live_51HxQ2eLkdIwHu7ixQ2ZfA3bC9',
  'Checkout is down for all customers',
  'outage',
];

/** Values an attacker or a broken integration sends. */
export const hostileValue: fc.Arbitrary<unknown> = fc
  .oneof(
    { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    { weight: 4, arbitrary: fc.constantFrom<unknown>(...TRICKY_STRINGS) },
    {
      weight: 3,
      arbitrary: fc.constantFrom<unknown>(
        0,
        -1,
        1.5,
        2 ** 53 + 1,
        -1e21,
        1e308,
        -8.64e15,
        8.64e15,
        1_773_064_800_000,
        true,
        false,
        null,
        [],
        {},
        [[]],
        { var: 'ticket.constructor' },
        { var: 'ticket.__proto__.polluted' },
        { method: ['x', 'toString'] },
        { log: 'x' },
        { containsAny: [{ var: 'ticket.subject' }, ['outage']] },
        { '==': [{ var: 'ticket.service' }, 'payments'] },
        { type: 'replied', at: '2026-03-09T14:05:00Z', author: 'agent', public: true },
        { type: 'actionPerformed', at: '2026-03-09T14:05:00Z', key: 'x' },
      ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...HOSTILE_KEYS).map((key) => {
        const value: unknown = JSON.parse(`{${JSON.stringify(key)}: {"polluted": true, "isAdmin": true}}`);
        return value;
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: 10, max: 300 }), fc.boolean())
        .map(([levels, arrays]) => nest(levels, 'bottom', arrays)),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: 100, max: 2_000 }), fc.constantFrom<unknown>('x', 1, null, {}))
        .map(([length, item]) => Array.from({ length }, () => item)),
    },
  )
  .map(clean);

/** One edit of a document. */
type Edit =
  | {
      readonly kind: 'replace' | 'inject';
      readonly pick: number;
      readonly value: unknown;
      readonly key: string;
    }
  | { readonly kind: 'delete' | 'retype' | 'wrap' | 'empty'; readonly pick: number }
  | { readonly kind: 'duplicate'; readonly pick: number; readonly from: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('replace' as const),
      pick: fc.nat(),
      value: hostileValue,
      key: fc.constant(''),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('inject' as const),
      pick: fc.nat(),
      value: hostileValue,
      key: fc.oneof(
        fc.constantFrom<string>(...HOSTILE_KEYS),
        fc.string({ maxLength: 8 }).map((k) => k.replace(REJECTED, '-')),
      ),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('retype' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wrap' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('empty' as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('duplicate' as const), pick: fc.nat(), from: fc.nat() }),
  },
);

interface Slot {
  readonly parent: Record<string | number, unknown>;
  readonly key: string | number;
}

/** Every slot (a key of an object, an index of an array) of a document, in document order. */
function slots(root: unknown): Slot[] {
  const out: Slot[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    const entries = Object.keys(node);
    for (const key of entries) {
      out.push({ parent: node as Record<string, unknown>, key: Array.isArray(node) ? Number(key) : key });
    }
    for (let i = entries.length - 1; i >= 0; i--)
      stack.push((node as Record<string, unknown>)[entries[i] as string]);
  }
  return out;
}

/** Objects of a document (where keys can be injected), the root first. */
function objects(root: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (!Array.isArray(node)) out.push(node as Record<string, unknown>);
    for (const value of Object.values(node)) stack.push(value);
  }
  return out;
}

/** The same value as another JSON type: a string as a number, an object as an array, … */
function retype(value: unknown): unknown {
  if (typeof value === 'string') return value.length;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 0;
  if (value === null) return {};
  if (Array.isArray(value)) return Object.fromEntries(value.map((item, i) => [String(i), item]));
  return Object.values(value as object);
}

function apply(root: unknown, change: Edit): unknown {
  const all = slots(root);
  const at = all[change.pick % Math.max(1, all.length)];
  switch (change.kind) {
    case 'inject': {
      const targets = objects(root);
      const target = targets[change.pick % Math.max(1, targets.length)];
      if (target === undefined) return root;
      define(target, change.key, copyData(change.value));
      return root;
    }
    case 'duplicate': {
      const source = all[change.from % Math.max(1, all.length)];
      if (at === undefined || source === undefined) return root;
      const copy = copyData(source.parent[source.key]);
      if (Array.isArray(at.parent)) at.parent.splice(Number(at.key), 0, copy);
      else define(at.parent, at.key, copy);
      return root;
    }
    case 'replace':
      if (at === undefined) return copyData(change.value);
      define(at.parent, at.key, copyData(change.value));
      return root;
    case 'delete':
      if (at === undefined) return root;
      if (Array.isArray(at.parent)) at.parent.splice(Number(at.key), 1);
      else Reflect.deleteProperty(at.parent, at.key);
      return root;
    case 'retype':
      if (at === undefined) return retype(root);
      define(at.parent, at.key, retype(at.parent[at.key]));
      return root;
    case 'wrap':
      if (at === undefined) return [root];
      define(
        at.parent,
        at.key,
        Array.isArray(at.parent[at.key]) ? { a: at.parent[at.key] } : [at.parent[at.key]],
      );
      return root;
    case 'empty': {
      if (at === undefined) return root;
      const value = at.parent[at.key];
      define(at.parent, at.key, typeof value === 'string' ? '' : Array.isArray(value) ? [] : {});
      return root;
    }
  }
}

/** The edits applied to a copy of `root`. */
export function applyEdits(root: unknown, edits: readonly Edit[]): unknown {
  let value = copyData(root);
  for (const change of edits) value = apply(value, change);
  return value;
}

/**
 * Mutations of a valid document: 1 to `maxEdits` edits (replace, delete, duplicate, retype,
 * wrap, empty, inject a hostile key) at random paths, applied to a copy. Shrinks towards
 * fewer and simpler edits.
 */
export function mutationOf(root: unknown, maxEdits = 3): fc.Arbitrary<unknown> {
  return fc.array(edit, { minLength: 1, maxLength: maxEdits }).map((edits) => applyEdits(root, edits));
}

/** Like {@link mutationOf}, for documents that are themselves generated. */
export function mutated<T>(documents: fc.Arbitrary<T>, maxEdits = 3): fc.Arbitrary<unknown> {
  return fc
    .tuple(documents, fc.array(edit, { minLength: 0, maxLength: maxEdits }))
    .map(([document, edits]) => applyEdits(document, edits));
}
