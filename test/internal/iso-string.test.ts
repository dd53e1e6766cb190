import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_INSTANT_MS, MIN_INSTANT_MS, createIsoFormatter, isoString } from '../../src/internal/index.js';
import { parseIsoInstant } from '../../src/internal/instant.js';
import { params } from '../support/well-formed.js';

describe('isoString', () => {
  it('formats exactly as Date.prototype.toISOString over the supported years, and beyond', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: MIN_INSTANT_MS - 86_400_000, max: MAX_INSTANT_MS + 86_400_000 }),
        (ms) => {
          expect(isoString(ms)).toBe(new Date(ms).toISOString());
        },
      ),
      params(5000),
    );
    for (const ms of [0, -1, 951_782_400_000, 1_773_064_800_000, MIN_INSTANT_MS, MAX_INSTANT_MS]) {
      expect(isoString(ms)).toBe(new Date(ms).toISOString());
    }
  });
});

describe('parseIsoInstant', () => {
  it('reads the common UTC shapes exactly as the general parser and Date.parse do', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_INSTANT_MS, max: MAX_INSTANT_MS }), fc.boolean(), (ms, millis) => {
        const text = new Date(ms).toISOString();
        const shape = millis ? text : `${text.slice(0, 19)}Z`;
        expect(parseIsoInstant(shape)).toBe(Date.parse(shape));
      }),
      params(5000),
    );
    for (const bad of [
      '2026-02-30T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-01-01T24:00:00Z',
      '2026-01-01T00:60:00Z',
      '2026-01-01T00:00:60Z',
    ]) {
      expect(parseIsoInstant(bad)).toBeNaN();
    }
    for (const other of [
      '2026-01-01T00:00:00.000+00:00',
      '2026-01-01T00:00Z',
      '2026-01-01T00:00:00.5Z',
      '2026-01-01X00:00:00Z',
      '2026-01-01T00:00:0aZ',
      '2026-01-01T00:00:00.0a0Z',
      '2026-01-01T00:00:00+0000',
    ]) {
      expect(parseIsoInstant(other), other).toBe(
        Number.isNaN(Date.parse(other)) ? Number.NaN : Date.parse(other),
      );
    }
  });

  // The fast path counts days with integer division, exact from year 1 on; year 0 (a leap year
  // before which the division would round the wrong way) takes the general parser.
  it('reads the common shapes from year 0 to 999 exactly as Date.parse does', () => {
    const YEAR_0 = Date.parse('0000-01-01T00:00:00.000Z');
    fc.assert(
      fc.property(fc.integer({ min: YEAR_0, max: MIN_INSTANT_MS }), fc.boolean(), (ms, millis) => {
        const text = new Date(ms).toISOString();
        const shape = millis ? text : `${text.slice(0, 19)}Z`;
        expect(parseIsoInstant(shape), shape).toBe(Date.parse(shape));
      }),
      params(3000),
    );
    for (const text of ['0000-02-29T23:59:59Z', '0000-03-01T00:00:00.000Z', '0001-01-01T00:00:00Z']) {
      expect(parseIsoInstant(text), text).toBe(Date.parse(text));
    }
  });

  // The fast path reads each digit as its character code minus 48: characters just above `9`
  // (`:` to `?`) and below `0` must not pass for digits.
  it('rejects a common-shape string with any non-digit in a digit position', () => {
    const DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }),
        fc.constantFrom(...DIGITS),
        fc.integer({ min: 0x20, max: 0x7e }),
        (ms, position, code) => {
          const text = new Date(ms).toISOString();
          const mutated = text.slice(0, position) + String.fromCharCode(code) + text.slice(position + 1);
          const digit = code >= 48 && code <= 57;
          if (!digit) expect(parseIsoInstant(mutated), mutated).toBeNaN();
          else {
            // Valid exactly when it names a real date and time (Date.parse rolls 02-30 over).
            const parsed = Date.parse(mutated);
            const real = !Number.isNaN(parsed) && new Date(parsed).toISOString() === mutated;
            expect(parseIsoInstant(mutated), mutated).toBe(real ? parsed : Number.NaN);
          }
        },
      ),
      params(3000),
    );
  });
});

describe('createIsoFormatter', () => {
  // Dates are remembered in slots by day number modulo 512 and strings by a hash of the
  // instant: days that share a slot, instants that share a slot and repeated instants
  // alternate without ever giving another instant's string.
  it('formats interleaved instants exactly as Date does, whatever it remembered', () => {
    const base = 1_773_064_800_000;
    const day = 86_400_000;
    const format = createIsoFormatter();
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc
              .tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: 0, max: day - 1 }))
              .map(([k, offset]) => base + k * 512 * day + offset),
            // Instants 1024 × 2^n ms apart, and far ones, share instant slots.
            fc
              .tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 3 }))
              .map(([n, k]) => base + k * 1024 * 2 ** n),
            fc.integer({ min: MIN_INSTANT_MS - day, max: MAX_INSTANT_MS + day }),
          ),
          { minLength: 1, maxLength: 40 },
        ),
        (instants) => {
          for (const ms of instants) {
            expect(format(ms)).toBe(new Date(ms).toISOString());
            expect(format(ms)).toBe(isoString(ms));
          }
        },
      ),
      params(2000),
    );
  });
});
