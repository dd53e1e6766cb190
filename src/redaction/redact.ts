import { assertNever, quote } from '../internal/index.js';

/**
 * A named pattern of sensitive text (docs/redaction.md):
 *
 * - `email`: an address `local@domain.tld`, masked whole.
 * - `phone`: a phone number of 7 to 15 digits, masked whole.
 * - `cardNumber`: a payment card number of 13 to 19 digits that passes the Luhn check, masked whole.
 * - `secret`: an API key or token, masked whole; for `Bearer <token>` and `key=value` only the
 *   token or value is masked.
 *
 * The exact rules are those of {@link createRedactor}.
 *
 * @internal
 */
export type RedactionPatternName = 'email' | 'phone' | 'cardNumber' | 'secret';

/**
 * What a redactor masks, and with what.
 *
 * @internal
 */
export interface RedactorOptions {
  /** The named patterns masked in every text. */
  readonly patterns: ReadonlySet<RedactionPatternName>;
  /** The replacement text, e.g. "[redacted]". */
  readonly mask: string;
}

/**
 * Creates a function that masks sensitive data in a text: (1) every occurrence of the given
 * literal values (the values of the ticket fields a policy lists as sensitive) and (2) every
 * match of the named patterns. Each masked span is replaced by `mask`; spans that overlap or
 * touch become one mask.
 *
 * Every rule is a hand-written scanner over character classes, with no regular expression:
 * each pattern costs time linear in the length of the text, whatever the text. All literal
 * values are found together in one left-to-right pass (an Aho–Corasick automaton, built once per
 * list of values and reused while the same list is passed), so they cost time linear in the length
 * of the text plus the total length of the values, however many there are. (A text of at most 256
 * code units is instead searched for each value when there are at most 8 values of at most 512
 * code units in all: a bounded cost, and no automaton to build for short texts.)
 *
 * **Literal values** are matched exactly (case-sensitive, UTF-16 code units) after trimming; a
 * value shorter than 3 characters after trimming is ignored. Every occurrence of every value is
 * masked, overlapping ones included; where occurrences overlap (a value inside a longer one, two
 * values sharing an end, a value overlapping itself), their union is masked
 * (`aaa` in `aaaaa` masks all five characters).
 *
 * **`email`**: a local part of letters, digits and `._%+-`, then `@`, then a domain of at least
 * two dot-separated labels of letters, digits and `-`, the last label (the TLD) of 2 or more
 * letters only. The whole address is masked. The domain ends at the last label that can be a
 * TLD, so a final full stop is kept (`mail a@b.com.` → `mail [redacted].`).
 *
 * **`cardNumber`**: 13 to 19 digits, written together or in groups of 2 or more digits joined by
 * a single space or hyphen (`4111 1111 1111 1111`, `5555-5555-5555-4444`, `378282246310005`),
 * whose first digit is not 0 and that pass the Luhn check. Any sequence of whole groups of a
 * longer run of digit groups qualifies (a card followed by `12 27` is still found). A number glued
 * to a word is not a card: the character before it is not a letter, digit or `_`, nor a `-` or `.`
 * that follows one (`INV-4111…`), and the same after it.
 *
 * **`phone`** (checked after cards, so a number that is a card is masked as a card): a run of
 * digit groups joined by a single space, `-` or `.`, where a group may be in parentheses
 * (`(415)`, `(0)`), optionally starting with `+`. Inside a run, an ISO or European date
 * (`2026-03-09`, `09.03.2026`: three groups of 4–2–2 or 2–2–4 digits joined by the same `-` or `.`)
 * and the hours or minutes of a time (a group of 1–2 digits next to `:`, as in `14:00`) are not
 * part of a phone number; they cut the run into pieces. A piece is a phone number when:
 * - it has 7 to 15 digits (E.164 allows 15), and is not glued to a word, as for cards
 *   (`T-1234567` is an id, not a phone), nor to another number by a `+` (`0132+1234567`);
 * - it starts with `+`, or else all of: every group after the first has at least 2 digits (so
 *   `1 2 3 4 5 6 7` and `1.2.3` are not phones); a single group without parentheses has at least
 *   10 digits (`4155550132` is masked, `2026`, `20000` and an 8-digit order number are not); and
 *   groups joined only by `.` are neither thousands (`1.234.567`) nor an IPv4 address
 *   (`192.168.10.100`).
 *
 * **`secret`**, five rules:
 * - a word (a run of letters, digits, `_` and `-`) that starts with a known prefix followed by at
 *   least 16 more characters: `sk_live_`, `sk_test_`, `pk_live_`, `pk_test_`, `rk_live_`,
 *   `rk_test_`, `whsec_` (Stripe), `ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`, `github_pat_` (GitHub),
 *   `glpat-` (GitLab), `xoxb-`, `xoxp-`, `xoxa-`, `xoxr-`, `xoxs-` (Slack), `AIza` (Google),
 *   `npm_` (npm), `sk-` (OpenAI and others); or that starts with `AKIA` or `ASIA` followed by 16
 *   uppercase letters or digits (AWS). The word is masked;
 * - a JWT: a word starting with `eyJ`, `.`, a word, `.`, a word. Masked whole;
 * - `Bearer` (any case, as a whole word), spaces, and a token of `A–Z a–z 0–9 - . _ ~ + / =`
 *   without its final dots, of 20 or more characters, or of 8 or more with a character that is
 *   not a letter. The token is masked, the word Bearer kept;
 * - an assignment: a word that is, or ends with (after `_`, `-` or a camel-case hump),
 *   `password`, `passwd`, `pwd`, `secret`, `token`, `apikey` or `key` (any case: `api_key`,
 *   `X-Api-Key`, `clientSecret`, `DB_PASSWORD`), an optional closing quote, `=` or `:` (spaces or
 *   tabs around it), then a value: a quoted string on the line, or else the characters up to a
 *   space or one of `` "'`,;&)]}> `` (a mask already in the value counts as part of it). The
 *   value is masked, the name kept. Prose such as `Key: value` is masked the same way;
 * - a word of 32 or more characters that contains both a letter and a digit (random
 *   keys, hashes, UUIDs, long slugs with numbers).
 *
 * **Order.** Values are masked first, then emails, secrets, card numbers and phone numbers, each
 * step reading the text the previous one produced.
 *
 * **Idempotency.** Redacting twice gives the same text as redacting once when the mask matches no
 * pattern, starts and ends with a character that is not a letter, digit, `_`, `-`, `.`, `+` or
 * `@` (as `[redacted]` does), and no literal value overlaps the mask.
 *
 * An empty pattern set and no values returns the text itself.
 *
 * @param options - The patterns to mask and the mask.
 * @returns A function of a text and the literal values to mask in it.
 * @throws TypeError if a pattern name is not one of the four.
 * @example
 * const redact = createRedactor({ patterns: new Set(['email', 'phone']), mask: '[redacted]' });
 * redact('Call +1 (415) 555-0132 or mail ana@example.com');
 * //=> 'Call [redacted] or mail [redacted]'
 * redact('Order 20000 for Ana Lima', ['Ana Lima']);
 * //=> 'Order 20000 for [redacted]'
 * @internal
 */
export function createRedactor(
  options: RedactorOptions,
): (text: string, values?: readonly string[]) => string {
  let email = false;
  let phone = false;
  let card = false;
  let secret = false;
  for (const name of options.patterns) {
    switch (name) {
      case 'email':
        email = true;
        break;
      case 'phone':
        phone = true;
        break;
      case 'cardNumber':
        card = true;
        break;
      case 'secret':
        secret = true;
        break;
      default:
        if (typeof name === 'string') throw new TypeError(`createRedactor: unknown pattern ${quote(name)}`);
        assertNever(name);
    }
  }
  const { mask } = options;
  const anyPattern = email || phone || card || secret;
  // Callers pass the same list of values for many texts (one decision's strings): prepared once.
  let lastValues: readonly string[] | undefined;
  let literals: readonly string[] = [];
  let shortest = 0;
  let searchable = false;
  let searchLast: Step | undefined;
  let markLast: Step | undefined;
  return (text, values) => {
    let out = text;
    if (values !== lastValues) {
      lastValues = values;
      literals = values === undefined || values.length === 0 ? [] : prepareValues(values);
      shortest = Infinity;
      let total = 0;
      for (const literal of literals) {
        shortest = Math.min(shortest, literal.length);
        total += literal.length;
      }
      searchable = literals.length <= SEARCH_VALUES_MAX && total <= SEARCH_TOTAL_MAX;
      const found = literals;
      searchLast = (input, _mask, spans) => {
        searchValues(input, found, spans);
      };
      markLast = undefined;
    }
    // A text shorter than every value holds none (most parts of a template are short).
    if (literals.length > 0 && out.length >= shortest) {
      if (searchable && searchLast !== undefined && out.length <= SEARCH_TEXT_MAX) {
        out = apply(out, mask, searchLast);
      } else {
        // The automaton is built on the first text that needs it, once per list.
        if (markLast === undefined) {
          const automaton = createValueAutomaton(literals);
          markLast = (input, _mask, spans) => {
            markValues(input, automaton, spans);
          };
        }
        out = apply(out, mask, markLast);
      }
    }
    if (!anyPattern) return out;
    // INVARIANT: the order of the steps is documented above; each reads the text the last
    // produced. Most texts (ticket ids, statuses, subjects) hold nothing to mask: one survey
    // of the text proves which steps cannot match (see `survey`), and is taken again only
    // after a step changed the text (a mask may bring an `@`, digits or a `:`).
    let facts = survey(out);
    if (email && (facts & MAY_EMAIL) !== 0) {
      const next = apply(out, mask, markEmails);
      if (next !== out) facts = survey((out = next));
    }
    if (secret && (facts & (MAY_WORD_SECRET | MAY_ASSIGNMENT)) !== 0) {
      // A rule proven to mark nothing adds no span: the other alone marks the same.
      const step =
        (facts & MAY_ASSIGNMENT) === 0
          ? markWords
          : (facts & MAY_WORD_SECRET) === 0
            ? markAssignments
            : markSecrets;
      const next = apply(out, mask, step);
      if (next !== out) facts = survey((out = next));
    }
    if (card && facts >>> DIGITS_SHIFT >= CARD_MIN) {
      const next = apply(out, mask, markCards);
      if (next !== out) facts = survey((out = next));
    }
    if (phone && facts >>> DIGITS_SHIFT >= PHONE_MIN) out = apply(out, mask, markPhones);
    return out;
  };
}

/** {@link survey}: the text has an `@`, which every email has. */
const MAY_EMAIL = 1;
/** {@link survey}: `markWords` may mark a key, a JWT or a Bearer token. */
const MAY_WORD_SECRET = 2;
/** {@link survey}: `markAssignments` may mark the value of a secret assignment. */
const MAY_ASSIGNMENT = 4;
/** {@link survey}: the count of ASCII digits sits above the flags (a card needs 13, a phone 7). */
const DIGITS_SHIFT = 3;
/** Far above every digit threshold: the count stops there, so that it fits beside the flags. */
const DIGITS_CAP = 1024;

/**
 * What a text may hold, in one pass with no allocation: {@link MAY_EMAIL},
 * {@link MAY_WORD_SECRET}, {@link MAY_ASSIGNMENT}, and the count of ASCII digits (at most
 * {@link DIGITS_CAP}) shifted by {@link DIGITS_SHIFT}. A clear flag proves its step marks nothing.
 *
 * Why, for secrets: while they have marked nothing, `markWords` and `markAssignments` read the
 * text word by word, a word being a maximal run of {@link TOKEN} characters. `markWords` marks
 * a word of {@link KEY_MIN} or more characters (a known key; the AWS rule needs 20, a random
 * word 32), or after a word starting with `eyJ` (a JWT) or a 6-letter word `bearer` in any case.
 * `markAssignments` marks only after a word that names a secret (`namesSecret`), followed by an
 * optional quote, spaces or tabs, and `=` or `:`.
 */
function survey(text: string): number {
  const n = text.length;
  let facts = 0;
  let digits = 0;
  // The word being read (`start` is -1 between words), and the last one read.
  let start = -1;
  let lastStart = 0;
  let lastEnd = -1;
  // Whether what follows the last word so far is an optional quote and blanks (so a `=` or `:`
  // here would assign to it).
  let assigning = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const kind = classOf(c);
    if ((kind & TOKEN) !== 0) {
      if (start === -1) start = i;
      // DIGIT is the bit 1: counts digits without a branch.
      digits += kind & DIGIT;
      continue;
    }
    if (start !== -1) {
      if (maySecretWord(text, start, i)) facts |= MAY_WORD_SECRET;
      lastStart = start;
      lastEnd = i;
      start = -1;
      assigning = true;
    }
    if (c === EQUALS || c === COLON) {
      if (assigning && namesSecret(text, lastStart, lastEnd)) facts |= MAY_ASSIGNMENT;
      assigning = false;
    } else if (c === AT) {
      facts |= MAY_EMAIL;
      assigning = false;
    } else {
      assigning = assigning && (isBlank(c) || ((c === DQUOTE || c === SQUOTE) && i === lastEnd));
    }
  }
  if (start !== -1 && maySecretWord(text, start, n)) facts |= MAY_WORD_SECRET;
  return facts | (Math.min(digits, DIGITS_CAP) << DIGITS_SHIFT);
}

/** Whether `markWords` may mark from the word `[start, end)` (see {@link survey}). */
function maySecretWord(text: string, start: number, end: number): boolean {
  const length = end - start;
  if (length >= KEY_MIN || (length === 6 && matchesIgnoringCase(text, start, 'bearer'))) return true;
  return (
    length >= 3 &&
    text.charCodeAt(start) === 101 &&
    text.charCodeAt(start + 1) === 121 &&
    text.charCodeAt(start + 2) === 74
  );
}

/**
 * The redaction of {@link createRedactor} with no shortcut: every enabled step scans the text,
 * whatever the text holds, and the values' automaton is built afresh. For tests: the shortcuts
 * must never change a result.
 *
 * @param options - The patterns to mask and the mask.
 * @param text - The text to redact.
 * @param values - The literal values to mask.
 * @returns What {@link createRedactor} returns for the same arguments.
 * @example
 * redactWithoutShortcuts({ patterns: new Set(['email']), mask: '#' }, 'mail a@b.co', []);
 * //=> 'mail #'
 * @internal
 */
export function redactWithoutShortcuts(
  options: RedactorOptions,
  text: string,
  values: readonly string[],
): string {
  const { patterns, mask } = options;
  const [email, secret] = [patterns.has('email'), patterns.has('secret')];
  const [card, phone] = [patterns.has('cardNumber'), patterns.has('phone')];
  let out = text;
  const literals = prepareValues(values);
  if (literals.length > 0) {
    const automaton = createValueAutomaton(literals);
    out = apply(out, mask, (input, _mask, spans) => {
      markValues(input, automaton, spans);
    });
  }
  if (email) out = apply(out, mask, markEmails);
  if (secret) out = apply(out, mask, markSecrets);
  if (card) out = apply(out, mask, markCards);
  if (phone) out = apply(out, mask, markPhones);
  return out;
}

/**
 * What the survey of a text proves, beside what each step it may skip marks in that text. For
 * tests: a step the survey rules out must mark nothing.
 *
 * @param text - Any text.
 * @param mask - The mask (a masked value may end an assignment's value).
 * @returns `survey`: the flags and the digit count; `marks`: whether each step marks a span.
 * @example
 * surveyAgainstSteps('token: abc', '#').survey.assignment;
 * //=> true
 * @internal
 */
export function surveyAgainstSteps(
  text: string,
  mask: string,
): {
  survey: { email: boolean; wordSecret: boolean; assignment: boolean; digits: number };
  marks: { email: boolean; words: boolean; assignments: boolean; cards: boolean; phones: boolean };
} {
  const facts = survey(text);
  const marksAny = (step: Step): boolean => {
    let any = false;
    step(text, mask, {
      add(start, end) {
        if (end > start) any = true;
      },
    });
    return any;
  };
  return {
    survey: {
      email: (facts & MAY_EMAIL) !== 0,
      wordSecret: (facts & MAY_WORD_SECRET) !== 0,
      assignment: (facts & MAY_ASSIGNMENT) !== 0,
      digits: facts >>> DIGITS_SHIFT,
    },
    marks: {
      email: marksAny(markEmails),
      words: marksAny(markWords),
      assignments: marksAny(markAssignments),
      cards: marksAny(markCards),
      phones: marksAny(markPhones),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Spans

/** The spans of one text to mask; the marks are allocated on the first span. */
interface Spans {
  /** Marks `[start, end)` to be masked. */
  add(start: number, end: number): void;
}

/** One step of a redaction: marks the spans of a text to mask. */
type Step = (text: string, mask: string, spans: Spans) => void;

/** Runs a step over a text and replaces each maximal marked span by the mask (the text itself if none). */
function apply(text: string, mask: string, step: Step): string {
  const n = text.length;
  let marks: Uint8Array | undefined;
  step(text, mask, {
    add(start, end) {
      if (end <= start) return;
      marks ??= new Uint8Array(n);
      marks.fill(1, start, end);
    },
  });
  if (marks === undefined) return text;
  const parts: string[] = [];
  let i = 0;
  while (i < n) {
    const start = marks.indexOf(1, i);
    if (start === -1) {
      parts.push(text.slice(i));
      break;
    }
    if (start > i) parts.push(text.slice(i, start));
    parts.push(mask);
    const end = marks.indexOf(0, start);
    i = end === -1 ? n : end;
  }
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------
// Character classes (UTF-16 code units)

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const DQUOTE = 34;
const SQUOTE = 39;
const LPAREN = 40;
const RPAREN = 41;
const PLUS = 43;
const HYPHEN = 45;
const DOT = 46;
const COLON = 58;
const EQUALS = 61;
const AT = 64;
const UNDERSCORE = 95;
const BACKTICK = 96;

/** ASCII digits. */
const DIGIT = 1;
/** ASCII letters. */
const LETTER = 2;
/** Letters, digits and `_`: what glues a number to a word. */
const WORD = 4;
/** Letters, digits, `_` and `-`: the characters of keys, tokens and base64url. */
const TOKEN = 8;
/** The local part of an email address: letters, digits and `._%+-`. */
const LOCAL = 16;
/** A domain: letters, digits, `-` and `.`. */
const DOMAIN = 32;
/** The b64token of RFC 6750: letters, digits and `-._~+/=`. */
const BEARER = 64;
/** What ends an unquoted assignment value (with the non-ASCII spaces). */
const VALUE_END = 128;

/** The classes of the ASCII characters, one bit each. */
const CLASSES: Uint8Array = /* @__PURE__ */ charClasses();

function charClasses(): Uint8Array {
  const table = new Uint8Array(128);
  const add = (chars: string, flags: number): void => {
    for (let k = 0; k < chars.length; k++) {
      const c = chars.charCodeAt(k);
      table[c] = (table[c] ?? 0) | flags;
    }
  };
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  const alnum = WORD | TOKEN | LOCAL | DOMAIN | BEARER;
  add('0123456789', DIGIT | alnum);
  add(letters, LETTER | alnum);
  add('_', WORD | TOKEN | LOCAL | BEARER);
  add('-', TOKEN | LOCAL | DOMAIN | BEARER);
  add('.', LOCAL | DOMAIN | BEARER);
  add('%+', LOCAL);
  add('+~/=', BEARER);
  for (let c = 0; c <= SPACE; c++) add(String.fromCharCode(c), VALUE_END);
  add('\u007f"\'`,;&)]}>', VALUE_END);
  return table;
}

/** The classes of a code unit: none outside ASCII. */
const classOf = (c: number): number => (c < 128 ? (CLASSES[c] ?? 0) : 0);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const isLower = (c: number): boolean => c >= 97 && c <= 122;
const isBlank = (c: number): boolean => c === SPACE || c === TAB;
/** Whether an unquoted assignment value ends at `c`: a space or one of `` "'`,;&)]}> ``. */
const endsValue = (c: number): boolean =>
  c < 128
    ? ((CLASSES[c] ?? 0) & VALUE_END) !== 0
    : c === 0x85 ||
      c === 0xa0 ||
      c === 0x1680 ||
      (c >= 0x2000 && c <= 0x200b) ||
      c === 0x2028 ||
      c === 0x2029 ||
      c === 0x202f ||
      c === 0x205f ||
      c === 0x3000 ||
      c === 0xfeff;

/** Whether the number starting at `start` is glued to a word before it (`x1`, `T-1`, `v1.2`). */
function gluedBefore(text: string, start: number): boolean {
  if (start === 0) return false;
  const c = text.charCodeAt(start - 1);
  if ((classOf(c) & WORD) !== 0) return true;
  return (c === HYPHEN || c === DOT) && start >= 2 && (classOf(text.charCodeAt(start - 2)) & WORD) !== 0;
}

/** Whether the number ending before `end` is glued to a word after it. */
function gluedAfter(text: string, end: number): boolean {
  if (end >= text.length) return false;
  const c = text.charCodeAt(end);
  if ((classOf(c) & WORD) !== 0) return true;
  return (
    (c === HYPHEN || c === DOT) && end + 1 < text.length && (classOf(text.charCodeAt(end + 1)) & WORD) !== 0
  );
}

/** Whether `word` (lowercase ASCII) is at `at` in the text, in any case. */
function matchesIgnoringCase(text: string, at: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) {
    const c = text.charCodeAt(at + k);
    if ((isUpper(c) ? c | 32 : c) !== word.charCodeAt(k)) return false;
  }
  return true;
}

/** Where the word (a run of {@link TOKEN} characters) starting at `start` ends. */
function wordEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length && (classOf(text.charCodeAt(i)) & TOKEN) !== 0) i++;
  return i;
}

// ---------------------------------------------------------------------------------------------
// Literal values

/** The values to mask: trimmed, at least 3 characters, distinct. */
function prepareValues(values: readonly string[]): string[] {
  const distinct = new Set<string>();
  for (const value of values) {
    const trimmed = value.trim();
    if (trimmed.length >= 3) distinct.add(trimmed);
  }
  return [...distinct];
}

/**
 * The automaton costs microseconds to build, for one ticket's values, while most texts a decision
 * redacts are short: for a few short values, each short text is searched for each value instead.
 * The bounds keep that search at most `SEARCH_TEXT_MAX × SEARCH_TOTAL_MAX` comparisons per text
 * (overlapping occurrences included), whatever the text; longer texts, and longer or more values,
 * use the automaton, linear in the text.
 */
const SEARCH_VALUES_MAX = 8;
const SEARCH_TOTAL_MAX = 512;
const SEARCH_TEXT_MAX = 256;

/** Marks every occurrence of every value, overlapping ones included, by searching for each. */
function searchValues(text: string, values: readonly string[], spans: Spans): void {
  for (const value of values) {
    for (let at = text.indexOf(value); at !== -1; at = text.indexOf(value, at + 1)) {
      spans.add(at, at + value.length);
    }
  }
}

/**
 * An Aho–Corasick automaton over the code units of the values. States are numbered from 0 (the
 * root) in the order they are created; a child's number is never 0.
 */
interface ValueAutomaton {
  /**
   * The root's transitions by the code units below {@link ROOT_TABLE} (0 when none: stay at the
   * root), read for most characters of a text.
   */
  readonly rootNext: number[];
  /** The root's transitions by the other code units. */
  readonly rootWide: Map<number, number>;
  /** The code unit of a state's first child, or -1 when it has none. */
  readonly edge: number[];
  /** A state's first child. */
  readonly child: number[];
  /** The other children of the states that have more than one, by code unit. */
  readonly branches: Map<number, Map<number, number>>;
  /** The state of the longest proper suffix of a state that is a prefix of a value. */
  readonly fail: number[];
  /** The length of the longest value that is a suffix of a state (0 when none). */
  readonly longest: number[];
}

/**
 * The root's table covers Latin-1. A table of all 65,536 code units cost more to allocate and
 * walk than the rest of a decision: an automaton is built for each ticket with redacted values.
 */
const ROOT_TABLE = 256;

/** The child of `state` by the code unit `c`, or 0 when none. */
function childOf(automaton: ValueAutomaton, state: number, c: number): number {
  if (state === 0) return c < ROOT_TABLE ? (automaton.rootNext[c] ?? 0) : (automaton.rootWide.get(c) ?? 0);
  if (automaton.edge[state] === c) return automaton.child[state] ?? 0;
  // Most automata have no branches (values with distinct first characters): no lookup then.
  return automaton.branches.size === 0 ? 0 : (automaton.branches.get(state)?.get(c) ?? 0);
}

/**
 * Builds the automaton of the values, in time linear in their total length: a trie, then fail
 * links breadth-first, each state's `longest` taken from its own value or else from its fail state
 * (shallower, so already known). The tables are plain arrays of small integers: one automaton is
 * built per ticket with redacted values, mostly of a few short values, and typed arrays (each with
 * its own backing store) took several times longer to allocate than the rest of the build.
 */
function createValueAutomaton(values: readonly string[]): ValueAutomaton {
  let total = 1;
  for (const value of values) total += value.length;
  const rootNext = new Array<number>(ROOT_TABLE).fill(0);
  const rootWide = new Map<number, number>();
  const edge = new Array<number>(total).fill(-1);
  const child = new Array<number>(total).fill(0);
  const branches = new Map<number, Map<number, number>>();
  const fail = new Array<number>(total).fill(0);
  const longest = new Array<number>(total).fill(0);
  const automaton: ValueAutomaton = { rootNext, rootWide, edge, child, branches, fail, longest };
  // Breadth-first from the root's children (whose fail state is the root), in their order.
  const queue = new Array<number>(total).fill(0);
  let tail = 0;
  let states = 1;
  for (const value of values) {
    let state = 0;
    for (let k = 0; k < value.length; k++) {
      const c = value.charCodeAt(k);
      let target = childOf(automaton, state, c);
      if (target === 0) {
        target = states++;
        if (state === 0) {
          if (c < ROOT_TABLE) rootNext[c] = target;
          else rootWide.set(c, target);
          queue[tail++] = target;
        } else if (edge[state] === -1) {
          edge[state] = c;
          child[state] = target;
        } else {
          let more = branches.get(state);
          if (more === undefined) branches.set(state, (more = new Map<number, number>()));
          more.set(c, target);
        }
      }
      state = target;
    }
    longest[state] = value.length;
  }
  const visit = (state: number, c: number, target: number): void => {
    let f = fail[state] ?? 0;
    let next = childOf(automaton, f, c);
    while (next === 0 && f !== 0) {
      f = fail[f] ?? 0;
      next = childOf(automaton, f, c);
    }
    fail[target] = next;
    if (longest[target] === 0) longest[target] = longest[next] ?? 0;
    queue[tail++] = target;
  };
  for (let head = 0; head < tail; head++) {
    const state = queue[head] ?? 0;
    const c = edge[state] ?? -1;
    if (c === -1) continue;
    visit(state, c, child[state] ?? 0);
    const more = branches.size === 0 ? undefined : branches.get(state);
    if (more !== undefined) for (const [code, target] of more) visit(state, code, target);
  }
  return automaton;
}

/**
 * Marks every occurrence of every value in one pass over the text. At each position only the
 * longest value ending there counts (a shorter one lies inside it), and overlapping or touching
 * occurrences are merged on a stack before they are marked, so the time is linear in the length
 * of the text, whatever the values.
 */
function markValues(text: string, automaton: ValueAutomaton, spans: Spans): void {
  const { fail, longest } = automaton;
  // The merged spans so far, disjoint and in order: an occurrence ends after all of them.
  const starts: number[] = [];
  const ends: number[] = [];
  let state = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let next = childOf(automaton, state, c);
    while (next === 0 && state !== 0) {
      state = fail[state] ?? 0;
      next = childOf(automaton, state, c);
    }
    state = next;
    const length = longest[state] ?? 0;
    if (length === 0) continue;
    let start = i + 1 - length;
    while (ends.length > 0 && (ends[ends.length - 1] ?? 0) >= start) {
      start = Math.min(start, starts.pop() ?? start);
      ends.pop();
    }
    starts.push(start);
    ends.push(i + 1);
  }
  for (let k = 0; k < starts.length; k++) spans.add(starts[k] ?? 0, ends[k] ?? 0);
}

// ---------------------------------------------------------------------------------------------
// Emails

/** Marks `local@domain.tld` addresses. Each character is read by at most one `@` on each side. */
function markEmails(text: string, _mask: string, spans: Spans): void {
  const n = text.length;
  let at = text.indexOf('@');
  while (at !== -1) {
    let start = at;
    while (start > 0 && (classOf(text.charCodeAt(start - 1)) & LOCAL) !== 0) start--;
    let end = at + 1;
    while (end < n && (classOf(text.charCodeAt(end)) & DOMAIN) !== 0) end++;
    // The domain ends after the last label (the second or later) that can be a TLD.
    let domainEnd = -1;
    let labels = 0;
    for (let p = at + 1; p < end;) {
      let q = p;
      let letters = true;
      for (; q < end; q++) {
        const c = text.charCodeAt(q);
        if (c === DOT) break;
        if ((classOf(c) & LETTER) === 0) letters = false;
      }
      if (q === p) break;
      labels++;
      if (labels >= 2 && letters && q - p >= 2) domainEnd = q;
      p = q + 1;
    }
    if (start < at && domainEnd !== -1) spans.add(start, domainEnd);
    // INVARIANT: `@` is neither a local nor a domain character, so the next `@` is at or after `end`.
    at = text.indexOf('@', end);
  }
}

// ---------------------------------------------------------------------------------------------
// Secrets

/** Marks secrets: keys, JWTs, long random words, Bearer tokens and the values of secret assignments. */
function markSecrets(text: string, mask: string, spans: Spans): void {
  markWords(text, mask, spans);
  markAssignments(text, mask, spans);
}

/** Prefixes of well-known keys and tokens, each followed by at least 16 more characters. */
const KEY_PREFIXES: readonly string[] = [
  'sk_live_',
  'sk_test_',
  'pk_live_',
  'pk_test_',
  'rk_live_',
  'rk_test_',
  'whsec_',
  'ghp_',
  'gho_',
  'ghu_',
  'ghs_',
  'ghr_',
  'github_pat_',
  'glpat-',
  'xoxb-',
  'xoxp-',
  'xoxa-',
  'xoxr-',
  'xoxs-',
  'AIza',
  'npm_',
  'sk-',
];
const KEY_MIN_REST = 16;
/** The shortest known key: `sk-` and 16 characters. */
const KEY_MIN = 3 + KEY_MIN_REST;
const AWS_KEY_REST = 16;
const HIGH_ENTROPY_MIN = 32;
const BEARER_MIN = 8;
const BEARER_PLAIN_MIN = 20;

/** Whether the word `[start, end)` is a key with a known prefix, or an AWS access key id. */
function isKnownKey(text: string, start: number, end: number): boolean {
  const length = end - start;
  for (const prefix of KEY_PREFIXES) {
    if (length >= prefix.length + KEY_MIN_REST && text.startsWith(prefix, start)) return true;
  }
  if (length >= 4 + AWS_KEY_REST && (text.startsWith('AKIA', start) || text.startsWith('ASIA', start))) {
    for (let k = start + 4; k < start + 4 + AWS_KEY_REST; k++) {
      const c = text.charCodeAt(k);
      if (!isUpper(c) && !isDigit(c)) return false;
    }
    return true;
  }
  return false;
}

/** Where a JWT whose first segment ends at `end` ends: after `.segment.segment`, or -1. */
function jwtEnd(text: string, end: number): number {
  let p = end;
  for (let segment = 0; segment < 2; segment++) {
    if (p >= text.length || text.charCodeAt(p) !== DOT) return -1;
    const q = wordEnd(text, p + 1);
    if (q === p + 1) return -1;
    p = q;
  }
  return p;
}

/**
 * Marks known keys, JWTs, long words mixing letters and digits, and the token after `Bearer`, in
 * one pass over the words. A Bearer token or a JWT is skipped once marked: every word inside it
 * ends inside it, so nothing it holds could reach further.
 */
function markWords(text: string, mask: string, spans: Spans): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    if ((classOf(text.charCodeAt(i)) & TOKEN) === 0) {
      i++;
      continue;
    }
    const start = i;
    let seen = 0;
    for (; i < n; i++) {
      const kind = classOf(text.charCodeAt(i));
      if ((kind & TOKEN) === 0) break;
      seen |= kind;
    }
    const length = i - start;
    if (length === 6 && matchesIgnoringCase(text, start, 'bearer')) {
      let p = i;
      while (p < n && isBlank(text.charCodeAt(p))) p++;
      if (p === i || (mask.length > 0 && text.startsWith(mask, p))) continue;
      let end = p;
      while (end < n && (classOf(text.charCodeAt(end)) & BEARER) !== 0) end++;
      while (end > p && text.charCodeAt(end - 1) === DOT) end--;
      let plain = end - p < BEARER_PLAIN_MIN;
      for (let k = p; plain && k < end; k++) if ((classOf(text.charCodeAt(k)) & LETTER) === 0) plain = false;
      if (end - p >= BEARER_MIN && !plain) {
        spans.add(p, end);
        i = end;
      }
      continue;
    }
    if (length >= 3 && text.charCodeAt(start) === 101 && text.startsWith('eyJ', start)) {
      const end = jwtEnd(text, i);
      if (end !== -1) {
        spans.add(start, end);
        i = end;
        continue;
      }
    }
    const random = length >= HIGH_ENTROPY_MIN && (seen & LETTER) !== 0 && (seen & DIGIT) !== 0;
    if (random || (length >= KEY_MIN && isKnownKey(text, start, i))) spans.add(start, i);
  }
}

/** Names whose values are secrets, lowercase. */
const SECRET_NAMES: readonly string[] = ['password', 'passwd', 'pwd', 'secret', 'token', 'apikey', 'key'];

/** Whether the word `[start, end)` names a secret: is, or ends with (after `_`, `-` or a hump), a secret name. */
function namesSecret(text: string, start: number, end: number): boolean {
  for (const name of SECRET_NAMES) {
    const at = end - name.length;
    if (at < start || !matchesIgnoringCase(text, at, name)) continue;
    if (at === start) return true;
    const before = text.charCodeAt(at - 1);
    if (before === UNDERSCORE || before === HYPHEN) return true;
    if (isUpper(text.charCodeAt(at)) && (isLower(before) || isDigit(before))) return true;
  }
  return false;
}

/** Marks the values of `name = value` and `name: value` where the name names a secret. */
function markAssignments(text: string, mask: string, spans: Spans): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    if ((classOf(text.charCodeAt(i)) & TOKEN) === 0) {
      i++;
      continue;
    }
    const start = i;
    i = wordEnd(text, i);
    let p = i;
    if (p < n && (text.charCodeAt(p) === DQUOTE || text.charCodeAt(p) === SQUOTE)) p++;
    while (p < n && isBlank(text.charCodeAt(p))) p++;
    if (p >= n || (text.charCodeAt(p) !== EQUALS && text.charCodeAt(p) !== COLON)) continue;
    if (!namesSecret(text, start, i)) continue;
    p++;
    while (p < n && isBlank(text.charCodeAt(p))) p++;
    i = Math.max(i, markValue(text, p, mask, spans));
  }
}

/**
 * Marks the value starting at `p` and returns where it ends: a quoted string on the line, or the
 * characters up to a space or a delimiter.
 */
function markValue(text: string, p: number, mask: string, spans: Spans): number {
  const n = text.length;
  if (p >= n) return p;
  const quoteChar = text.charCodeAt(p);
  let from = p;
  if (quoteChar === DQUOTE || quoteChar === SQUOTE || quoteChar === BACKTICK) {
    let q = p + 1;
    for (; q < n; q++) {
      const c = text.charCodeAt(q);
      if (c === quoteChar || c === LF || c === CR) break;
    }
    if (q < n && text.charCodeAt(q) === quoteChar) {
      spans.add(p + 1, q);
      return q + 1;
    }
    // No closing quote on the line: the value is unquoted, after the quote.
    from = p + 1;
  }
  // Masks left by earlier steps are part of the value (their characters may end values), but
  // a value made of masks only is left as it is.
  const first = mask.length > 0 ? mask.charCodeAt(0) : -1;
  let content = false;
  let end = from;
  while (end < n) {
    const c = text.charCodeAt(end);
    if (c === first && text.startsWith(mask, end)) {
      end += mask.length;
      continue;
    }
    if (endsValue(c)) break;
    content = true;
    end++;
  }
  if (content) spans.add(from, end);
  return end;
}

// ---------------------------------------------------------------------------------------------
// Card numbers

const CARD_MIN = 13;
const CARD_MAX = 19;
/** Slots for the groups of the longest card, plus the one being read (a power of 2). */
const RING = 32;

/** A digit's Luhn contribution when doubled. */
const doubled = (d: number): number => (d < 5 ? 2 * d : 2 * d - 9);

/**
 * Marks card numbers. A run of digit groups joined by single spaces or hyphens is read once;
 * at the end of each group, the windows of whole groups ending there with 13–19 digits are
 * checked with Luhn in constant time each, from prefix sums kept for the last groups.
 */
function markCards(text: string, _mask: string, spans: Spans): void {
  const n = text.length;
  // Per group (a ring of the last ones): where it starts, the digits of the run before it, its
  // first digit, and the Luhn prefix sums at its start for a window whose last digit is at an
  // even (`even`) or odd (`odd`) position of the run.
  const groupStart = new Int32Array(RING);
  const before = new Int32Array(RING);
  const first = new Int32Array(RING);
  const evenAt = new Int32Array(RING);
  const oddAt = new Int32Array(RING);
  let i = 0;
  while (i < n) {
    if (!isDigit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const gluedLeft = gluedBefore(text, i);
    let p = i;
    let count = 0;
    let oldest = 0;
    let digits = 0;
    // Digits at even positions count plain in `even` and doubled in `odd`, and the reverse.
    let even = 0;
    let odd = 0;
    for (;;) {
      const slot = count & (RING - 1);
      groupStart[slot] = p;
      before[slot] = digits;
      first[slot] = text.charCodeAt(p) - 48;
      evenAt[slot] = even;
      oddAt[slot] = odd;
      for (; p < n; p++) {
        const d = text.charCodeAt(p) - 48;
        if (d < 0 || d > 9) break;
        if ((digits & 1) === 0) {
          even += d;
          odd += doubled(d);
        } else {
          odd += d;
          even += doubled(d);
        }
        digits++;
      }
      const next = p < n ? text.charCodeAt(p) : -1;
      const more = (next === SPACE || next === HYPHEN) && p + 1 < n && isDigit(text.charCodeAt(p + 1));
      // A card is made of groups of 2 or more digits: no window reaches back past a single digit.
      if (p - (groupStart[slot] ?? 0) < 2) oldest = count + 1;
      while (oldest <= count && digits - (before[oldest & (RING - 1)] ?? 0) > CARD_MAX) oldest++;
      if (
        oldest <= count &&
        digits - (before[oldest & (RING - 1)] ?? 0) >= CARD_MIN &&
        (more || !gluedAfter(text, p))
      ) {
        const lastEven = ((digits - 1) & 1) === 0;
        const now = lastEven ? even : odd;
        for (let g = oldest; g <= count; g++) {
          const s = g & (RING - 1);
          if (digits - (before[s] ?? 0) < CARD_MIN) break;
          if ((g === 0 && gluedLeft) || first[s] === 0) continue;
          if ((now - ((lastEven ? evenAt[s] : oddAt[s]) ?? 0)) % 10 === 0) {
            // The longest window ending here covers the shorter ones.
            spans.add(groupStart[s] ?? 0, p);
            break;
          }
        }
      }
      count++;
      if (!more) break;
      p++;
    }
    i = p;
  }
}

// ---------------------------------------------------------------------------------------------
// Phone numbers

const PHONE_MIN = 7;
const PHONE_MAX = 15;
const PHONE_BARE_MIN = 10;

/** Where a group in parentheses (1–4 digits) starting at `p` ends, or -1. */
function parenGroupEnd(text: string, p: number): number {
  if (p >= text.length || text.charCodeAt(p) !== LPAREN) return -1;
  let q = p + 1;
  while (q < text.length && q - p <= 4 && isDigit(text.charCodeAt(q))) q++;
  return q > p + 1 && q < text.length && text.charCodeAt(q) === RPAREN ? q + 1 : -1;
}

/**
 * Whether a `+` follows the number ending at `end` (directly or after one `-` or `.`). A run
 * starting with that `+` is glued to the number's last digit, so the number is glued to it too:
 * whether one is a phone never depends on whether the other was masked.
 */
function plusFollows(text: string, end: number): boolean {
  const c = end < text.length ? text.charCodeAt(end) : -1;
  if (c === PLUS) return true;
  return (c === HYPHEN || c === DOT) && end + 1 < text.length && text.charCodeAt(end + 1) === PLUS;
}

const startsGroup = (text: string, p: number): boolean =>
  p < text.length && (isDigit(text.charCodeAt(p)) || parenGroupEnd(text, p) !== -1);

/**
 * Marks phone numbers. Each run of digit groups is read once; a date needs three consecutive
 * groups, so a group is decided two groups later (a ring of four), then added to the piece
 * being built between two dates or times.
 */
function markPhones(text: string, _mask: string, spans: Spans): void {
  const n = text.length;
  const start = new Int32Array(4);
  const end = new Int32Array(4);
  const size = new Int32Array(4);
  const sep = new Int32Array(4);
  const paren = new Uint8Array(4);
  const cut = new Uint8Array(4);
  // The run.
  let runStart = 0;
  let plus = false;
  let gluedLeft = false;
  // The piece: its first group (-1 when none), span, digits, groups and shape.
  let first = -1;
  let pieceStart = 0;
  let pieceEnd = 0;
  let digits = 0;
  let groups = 0;
  let international = false;
  let shortGroup = false;
  let dotsOnly = true;
  let parens = false;
  let firstSize = 0;
  let allThree = true;
  let largest = 0;

  const close = (atRunEnd: boolean, gluedRight: boolean): void => {
    if (first === -1) return;
    const glued = (first === 0 && gluedLeft) || (atRunEnd && gluedRight);
    const dotted = dotsOnly && !parens && groups > 1;
    const numberLike = dotted && ((allThree && firstSize <= 3) || (groups === 4 && largest <= 3));
    const shaped =
      international || (!shortGroup && (groups > 1 || parens || digits >= PHONE_BARE_MIN) && !numberLike);
    if (!glued && digits >= PHONE_MIN && digits <= PHONE_MAX && shaped) spans.add(pieceStart, pieceEnd);
    first = -1;
  };

  const take = (g: number): void => {
    const s = g & 3;
    const d = size[s] ?? 0;
    if (cut[s] === 1) {
      close(false, false);
      return;
    }
    if (first === -1) {
      first = g;
      international = g === 0 && plus;
      pieceStart = international ? runStart : (start[s] ?? 0);
      digits = d;
      groups = 1;
      shortGroup = false;
      dotsOnly = true;
      parens = paren[s] === 1;
      firstSize = d;
      allThree = true;
      largest = d;
    } else {
      digits += d;
      groups++;
      if (d < 2) shortGroup = true;
      if (sep[s] !== DOT) dotsOnly = false;
      if (paren[s] === 1) parens = true;
      if (d !== 3) allThree = false;
      if (d > largest) largest = d;
    }
    pieceEnd = end[s] ?? 0;
  };

  const isDate = (a: number, b: number, c: number): boolean => {
    if (paren[a] === 1 || paren[b] === 1 || paren[c] === 1) return false;
    const joint = sep[b];
    if (joint !== sep[c] || (joint !== HYPHEN && joint !== DOT)) return false;
    const x = size[a] ?? 0;
    const y = size[b] ?? 0;
    const z = size[c] ?? 0;
    return (x === 4 && y <= 2 && z <= 2) || (x <= 2 && y <= 2 && z === 4);
  };

  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    let p = i;
    if (c === PLUS && startsGroup(text, i + 1)) p = i + 1;
    else if (!isDigit(c) && (c !== LPAREN || parenGroupEnd(text, i) === -1)) {
      i++;
      continue;
    }
    runStart = i;
    plus = p > i;
    gluedLeft = gluedBefore(text, i);
    first = -1;
    let count = 0;
    let joint = 0;
    for (;;) {
      const s = count & 3;
      const closeParen = parenGroupEnd(text, p);
      let e = p;
      if (closeParen === -1) {
        while (e < n && isDigit(text.charCodeAt(e))) e++;
        size[s] = e - p;
        paren[s] = 0;
      } else {
        e = closeParen;
        size[s] = e - p - 2;
        paren[s] = 1;
      }
      start[s] = p;
      end[s] = e;
      sep[s] = joint;
      // The minutes of a time (`14:00`) start a run right after a colon.
      const minutes =
        count === 0 && !plus && closeParen === -1 && e - p <= 2 && p > 0 && text.charCodeAt(p - 1) === COLON;
      cut[s] = minutes ? 1 : 0;
      count++;
      if (count >= 3) {
        const a = (count - 3) & 3;
        const b = (count - 2) & 3;
        if (isDate(a, b, s)) cut[a] = cut[b] = cut[s] = 1;
        take(count - 3);
      }
      const next = e < n ? text.charCodeAt(e) : -1;
      if ((next === SPACE || next === HYPHEN || next === DOT) && startsGroup(text, e + 1)) {
        joint = next;
        p = e + 1;
      } else if ((next === LPAREN && parenGroupEnd(text, e) !== -1) || (closeParen !== -1 && isDigit(next))) {
        joint = 0;
        p = e;
      } else {
        // The hours of a time (`14:00`) end a run right before a colon.
        if (next === COLON && closeParen === -1 && e - p <= 2) cut[s] = 1;
        for (let g = Math.max(0, count - 2); g < count; g++) take(g);
        close(true, closeParen === -1 && plusFollows(text, e) ? true : gluedAfter(text, e));
        i = e;
        break;
      }
    }
  }
}
