// The engine needs nothing from its host but the ECMAScript built-ins and Intl (DESIGN §1.7):
// the ESM build runs in a bare node:vm context — no process, require, Buffer, timers, console,
// no code generation from strings (as on edge workers) — and decides exactly as Node does.
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeInput, RuntimeOutput } from './run-cases.js';
import {
  BUNDLE_SOURCE,
  compareOutputs,
  esmBundle,
  nodeOutput,
  runtimeInput,
  scriptBundle,
  type EsmBundle,
} from './support.js';

/** Host objects a Node or web runtime adds; none of them may be in the context. */
const HOST_GLOBALS = [
  'process',
  'require',
  'module',
  'Buffer',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'queueMicrotask',
  'structuredClone',
  'TextEncoder',
  'TextDecoder',
  'URL',
  'fetch',
  'performance',
  'crypto',
  'navigator',
  'window',
  'self',
  'console',
];

/**
 * The globals the engine may read: the ECMAScript built-ins (ES2022) and ECMA-402 `Intl`, but
 * not `eval`, `WebAssembly`, shared memory or weak references, which some hosts lack or forbid.
 * What it does read is measured below and listed in docs/playground/README.md.
 */
const ALLOWED = new Set([
  ...['globalThis', 'Object', 'Function', 'Array', 'Number', 'Boolean', 'String', 'Symbol', 'BigInt'],
  ...['Date', 'RegExp', 'Promise', 'Proxy', 'Reflect', 'JSON', 'Math', 'Intl'],
  ...['Map', 'Set', 'WeakMap', 'WeakSet', 'ArrayBuffer', 'DataView'],
  ...['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array'],
  ...['Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array'],
  ...['Error', 'AggregateError', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError'],
  ...['TypeError', 'URIError', 'parseInt', 'parseFloat', 'isNaN', 'isFinite'],
  ...['encodeURI', 'encodeURIComponent', 'decodeURI', 'decodeURIComponent'],
]);

/** Names looked up on the global object that do not exist (a `typeof x` probe). */
const PROBES_ALLOWED = new Set([
  // zod 4 keeps its configuration on globalThis, so that several copies of zod share it.
  '__zod_globalConfig',
]);

interface Sandbox {
  readonly context: vm.Context;
  /** Globals the code read, and missing names it looked up. */
  readonly reads: () => { read: string[]; probed: string[]; defined: string[] };
}

/**
 * A context with only what V8 puts in one (console removed), no code generation from strings,
 * and every global read recorded: built-ins become recording getters, and a proxy behind the
 * global object sees lookups of names that do not exist.
 */
function sandbox(): Sandbox {
  const context = vm.createContext({}, { codeGeneration: { strings: false, wasm: false } });
  vm.runInContext(
    `(() => {
      delete globalThis.console;
      const read = new Set(), probed = new Set(), before = new Set(Object.getOwnPropertyNames(globalThis));
      Object.defineProperty(globalThis, '__reads', {
        enumerable: false,
        value: () => ({
          read: [...read].sort(),
          probed: [...probed].sort(),
          defined: Object.getOwnPropertyNames(globalThis).filter((n) => !before.has(n) && n !== '__reads').sort(),
        }),
      });
      const proto = Object.getPrototypeOf(globalThis);
      const trap = (name) => { if (typeof name === 'string') probed.add(name); };
      Object.setPrototypeOf(globalThis, new Proxy(proto, {
        has: (target, name) => (trap(name), Reflect.has(target, name)),
        get: (target, name, receiver) => (trap(name), Reflect.get(target, name, receiver)),
      }));
      for (const name of before) {
        const d = Object.getOwnPropertyDescriptor(globalThis, name);
        if (!d.configurable || !('value' in d)) continue;
        let value = d.value;
        Object.defineProperty(globalThis, name, {
          configurable: true,
          enumerable: d.enumerable,
          get: () => (read.add(name), value),
          set: (v) => { value = v; },
        });
      }
    })();`,
    context,
  );
  return {
    context,
    reads: () => vm.runInContext('__reads()', context) as ReturnType<Sandbox['reads']>,
  };
}

let bundle: EsmBundle;
let script: string;
let input: RuntimeInput;
let inputText: string;
let expected: RuntimeOutput;

beforeAll(async () => {
  bundle = await esmBundle();
  script = await scriptBundle(bundle);
  input = runtimeInput();
  inputText = JSON.stringify(input);
  expected = nodeOutput(inputText);
}, 60_000);
afterAll(() => {
  bundle.remove();
});

describe(`the ESM build (${BUNDLE_SOURCE}) in a bare node:vm context`, () => {
  it('has no host globals and cannot compile strings (the premise)', () => {
    const { context } = sandbox();
    const present = vm.runInContext(
      `${JSON.stringify(HOST_GLOBALS)}.filter((name) => typeof globalThis[name] !== 'undefined')`,
      context,
    ) as string[];
    expect(present).toEqual([]);
    expect(() => {
      vm.runInContext('new Function("return 1")', context);
    }).toThrow(/disallowed/);
  });

  it('decides every ticket exactly as Node does, and lints, simulates and counts business time alike', () => {
    const { context, reads } = sandbox();
    vm.runInContext(script, context, { filename: 'escalation-engine.js' });
    const run = vm.runInContext('__runtimeCheck.run', context) as (text: string) => string;
    const actual = JSON.parse(run(inputText)) as RuntimeOutput;
    compareOutputs(
      (a, e, label) => {
        expect(a, label).toEqual(e);
      },
      input,
      actual,
      expected,
    );
    // The cases are not trivial: several severities, degraded decisions, due actions.
    const decisions = expected.decisions as {
      severity: { id: string };
      status: string;
      actions: unknown[];
    }[];
    expect(new Set(decisions.map((d) => d.severity.id)).size).toBeGreaterThanOrEqual(3);
    expect(decisions.some((d) => d.status === 'degraded')).toBe(true);
    expect(decisions.filter((d) => d.actions.length > 0).length).toBeGreaterThan(20);

    const { read, probed, defined } = reads();
    if (process.env['RUNTIME_PRINT_GLOBALS'] === '1')
      process.stderr.write(`${JSON.stringify({ read, probed, defined })}\n`);
    expect(read.filter((name) => !ALLOWED.has(name))).toEqual([]);
    expect(read).toEqual(expect.arrayContaining(['Intl', 'Date', 'JSON', 'Math']));
    expect(probed.filter((name) => !PROBES_ALLOWED.has(name))).toEqual([]);
    // Globals written: the script's own name, and zod's shared configuration (an empty object
    // the engine never changes; `zod/mini` leaves out the `new Function` fast path entirely).
    expect(defined).toEqual(['__runtimeCheck', '__zod_globalConfig']);
    expect(vm.runInContext('JSON.stringify(globalThis.__zod_globalConfig)', context)).toBe('{}');
    // The whole bundle compiled cold in a context whose every global read goes through a
    // proxy: under 0.7 s alone, but it ran past 5 s in CI beside the 10 MB redaction, BullMQ
    // and Chromium files.
  }, 30_000);
});
