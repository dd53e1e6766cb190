import { describe, expect, it } from 'vitest';
import {
  createWallClockResolver,
  createZoneOffsets,
  createZoneReader,
  findTransitions,
  type ZoneOffsets,
} from '../../src/calendar/time-zone.js';
import { DST_TIME_ZONES } from '../../src/testing/index.js';

// The eight zones of the DST test matrix (UTC has nothing to test here).
const ZONES = DST_TIME_ZONES.filter((zone) => zone !== 'UTC');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const FROM = Date.UTC(2025, 0, 1);
const TO = Date.UTC(2027, 0, 1);

/** The offset as Intl prints it (`GMT+05:45`), an independent path from formatting local fields. */
function intlOffset(zone: string): (t: number) => number {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  return (t) => {
    const name = format.formatToParts(t).find((p) => p.type === 'timeZoneName')?.value ?? '';
    const m = /GMT(?:([+-])(\d{2}):(\d{2}))?/.exec(name);
    if (m === null) throw new Error(`unexpected ${name}`);
    if (m[1] === undefined) return 0;
    return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * HOUR + Number(m[3]) * MINUTE);
  };
}

function zoneOf(name: string): ZoneOffsets {
  const zone = createZoneOffsets(name);
  if (zone === undefined) throw new Error(name);
  return zone;
}

describe('createZoneOffsets', () => {
  it('returns undefined for zones Intl does not know', () => {
    expect(createZoneOffsets('Mars/Olympus')).toBeUndefined();
    expect(createZoneOffsets('')).toBeUndefined();
  });

  it('reports the canonical zone name', () => {
    expect(zoneOf('europe/berlin').timeZone).toBe('Europe/Berlin');
  });

  it.each(ZONES)('agrees with Intl longOffset on every 30-minute instant of 2025–2026 in %s', (name) => {
    const zone = zoneOf(name);
    const expected = intlOffset(name);
    let mismatches = 0;
    for (let t = FROM; t < TO; t += 30 * MINUTE) {
      if (zone.offsetAt(t) !== expected(t)) mismatches++;
    }
    expect(mismatches).toBe(0);
  });
});

describe('findTransitions', () => {
  it.each(ZONES)('finds each 2025–2026 offset change in %s to the millisecond', (name) => {
    const zone = zoneOf(name);
    const expected = intlOffset(name);
    const { initial, transitions } = findTransitions(zone, FROM, TO);
    expect(initial).toBe(expected(FROM));
    for (const { at, before, after } of transitions) {
      expect(expected(at - 1)).toBe(before);
      expect(expected(at)).toBe(after);
    }
    // Brute force: every hour where the offset differs from the hour before lies on a found change.
    let changes = 0;
    for (let t = FROM + HOUR; t < TO; t += HOUR) if (expected(t) !== expected(t - HOUR)) changes++;
    expect(transitions).toHaveLength(changes);
    expect(changes).toBe(name === 'Asia/Kolkata' || name === 'Asia/Kathmandu' ? 0 : 4);
  });
});

describe('createWallClockResolver', () => {
  /** Local wall time of an instant as UTC-labelled milliseconds, via Intl. */
  function localOf(name: string): (t: number) => number {
    const offset = intlOffset(name);
    return (t) => t + offset(t);
  }

  it.each(ZONES)(
    'maps every existing wall time back to its instant, the earlier one in overlaps (%s)',
    (name) => {
      const zone = zoneOf(name);
      const local = localOf(name);
      const resolver = createWallClockResolver(zone, FROM, TO);
      let wrong = 0;
      for (let t = FROM + 2 * 86_400_000; t < TO - 2 * 86_400_000; t += 15 * MINUTE) {
        const wall = local(t);
        const resolved = resolver.resolve(wall);
        // Either exactly t, or an earlier instant showing the same wall time (overlap).
        if (resolved !== t && !(resolved < t && local(resolved) === wall)) wrong++;
      }
      expect(wrong).toBe(0);
    },
  );

  it('moves wall times in a gap forward by the gap length (compatible)', () => {
    const resolver = createWallClockResolver(zoneOf('America/New_York'), FROM, TO);
    // 2026-03-08 02:30 does not exist in New York: it becomes 03:30 EDT = 07:30Z.
    expect(new Date(resolver.resolve(Date.UTC(2026, 2, 8, 2, 30))).toISOString()).toBe(
      '2026-03-08T07:30:00.000Z',
    );
    // Lord Howe springs forward 30 minutes at 02:00: 02:15 becomes 02:45 (+11:00).
    const howe = createWallClockResolver(zoneOf('Australia/Lord_Howe'), FROM, TO);
    expect(new Date(howe.resolve(Date.UTC(2026, 9, 4, 2, 15))).toISOString()).toBe(
      '2026-10-03T15:45:00.000Z',
    );
    // Santiago springs forward at midnight: 2026-09-06 00:30 becomes 01:30 (-03:00).
    const santiago = createWallClockResolver(zoneOf('America/Santiago'), FROM, TO);
    expect(new Date(santiago.resolve(Date.UTC(2026, 8, 6, 0, 30))).toISOString()).toBe(
      '2026-09-06T04:30:00.000Z',
    );
  });

  it('takes the earlier instant in an overlap', () => {
    const resolver = createWallClockResolver(zoneOf('Europe/Berlin'), FROM, TO);
    // 2026-10-25 02:30 happens twice in Berlin: first at +02:00 (00:30Z).
    expect(new Date(resolver.resolve(Date.UTC(2026, 9, 25, 2, 30))).toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });

  it('uses a constant offset where the zone has no changes', () => {
    const resolver = createWallClockResolver(zoneOf('Asia/Kathmandu'), FROM, TO);
    expect(resolver.resolve(Date.UTC(2026, 0, 1, 5, 45))).toBe(Date.UTC(2026, 0, 1));
  });
});

describe('createZoneReader', () => {
  const zone = createZoneOffsets('America/New_York');
  if (zone === undefined) throw new Error('no zone data');

  it('reads the same offsets and resolves wall times like the uncached primitives', () => {
    const reader = createZoneReader(zone);
    for (let t = Date.UTC(2026, 2, 7); t < Date.UTC(2026, 2, 10); t += 15 * 60_000) {
      expect(reader.offsetAt(t)).toBe(zone.offsetAt(t));
    }
    const local = (text: string): number => Date.parse(`${text}Z`);
    for (const wall of ['2026-03-08T02:30:00', '2026-11-01T01:30:00', '2026-07-01T12:00:00']) {
      const exact = createWallClockResolver(zone, local(wall), local(wall)).resolve(local(wall));
      expect(reader.resolve(local(wall))).toBe(exact);
    }
  });

  it('forgets the oldest blocks past its size and reads them again alike', () => {
    const reader = createZoneReader(zone);
    const start = Date.UTC(1990, 0, 1);
    const first = reader.offsetAt(start);
    // 300 blocks of 32 days: more than the 256 kept.
    for (let i = 0; i < 300; i++) reader.offsetAt(start + i * 32 * 86_400_000);
    expect(reader.offsetAt(start)).toBe(first);
  });
});
