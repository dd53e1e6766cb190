import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  businessTimeBetween,
  compileCalendar,
  isOpen,
  nextOpening,
} from '../../src/index.js';
import { createTimeline } from '../../src/calendar/timeline.js';
import { timelineOf } from '../../src/calendar/compile-calendar.js';
import {
  createWallClockResolver,
  createZoneOffsets,
  findTransitions,
  type ZoneOffsets,
} from '../../src/calendar/time-zone.js';
import { H } from '../support/calendars.js';

const WEEKDAY = [['09:00', '17:00']] as const;
const WEEKDAYS = { mon: WEEKDAY, tue: WEEKDAY, wed: WEEKDAY, thu: WEEKDAY, fri: WEEKDAY };

/** A made-up zone: +1 h from `gapAt`, back to 0 from `backAt` (both epoch ms). */
function syntheticZone(gapAt: number, backAt: number): ZoneOffsets {
  return {
    timeZone: 'Test/Synthetic',
    offsetAt: (ms) => (ms >= gapAt && ms < backAt ? H : 0),
  };
}

describe('findTransitions', () => {
  it('finds two changes that fall inside one sampling step', () => {
    // 0 → +1 h at 01:00, then +1 h → +2 h at 03:00: both inside the first 6-hour step.
    const first = Date.UTC(2026, 0, 1, 1);
    const zone: ZoneOffsets = {
      timeZone: 'Test/Stairs',
      offsetAt: (ms) => (ms < first ? 0 : ms < first + 2 * H ? H : 2 * H),
    };
    const { initial, transitions } = findTransitions(zone, Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 2));
    expect(initial).toBe(0);
    expect(transitions).toEqual([
      { at: first, before: 0, after: H },
      { at: first + 2 * H, before: H, after: 2 * H },
    ]);
  });
});

describe('createWallClockResolver', () => {
  const gapAt = Date.UTC(2026, 0, 10, 2);
  const backAt = Date.UTC(2026, 0, 20, 2);
  const resolver = createWallClockResolver(
    syntheticZone(gapAt, backAt),
    Date.UTC(2026, 0, 5),
    Date.UTC(2026, 0, 25),
  );

  it('moves a wall time in a gap forward and keeps the earlier instant of an overlap', () => {
    // Wall 02:30 on the 10th does not exist (clocks 02:00 → 03:00): it is 02:30 at offset 0.
    expect(resolver.resolve(Date.UTC(2026, 0, 10, 2, 30))).toBe(Date.UTC(2026, 0, 10, 2, 30));
    // Wall 04:00 on the 10th exists once, at +1 h.
    expect(resolver.resolve(Date.UTC(2026, 0, 10, 4))).toBe(Date.UTC(2026, 0, 10, 3));
    // Wall 02:30 on the 20th exists twice (03:00 +1 h → 02:00 +0): the earlier is 01:30Z.
    expect(resolver.resolve(Date.UTC(2026, 0, 20, 2, 30))).toBe(Date.UTC(2026, 0, 20, 1, 30));
    // After both changes the last offset applies.
    expect(resolver.resolve(Date.UTC(2026, 0, 22, 12))).toBe(Date.UTC(2026, 0, 22, 12));
  });
});

describe('long holiday ranges', () => {
  const cal = compileCalendar({
    timezone: 'Europe/Berlin',
    weekly: WEEKDAYS,
    holidays: [
      { from: '2026-02-02', to: '2026-02-06' },
      { from: '2027-01-01', to: '2031-12-31', name: 'sabbatical' },
      { from: '2032-03-01', to: '2032-03-05' },
    ],
  });

  it('jumps over a range of years to the first open day after it', () => {
    // Thursday 2026-12-31 17:00 CET: the office reopens Thursday 2032-01-01 09:00 CET.
    expect(nextOpening(cal, '2026-12-31T17:00:00+01:00')?.toISOString()).toBe('2032-01-01T08:00:00.000Z');
    expect(addBusinessTime(cal, '2026-12-31T16:00:00+01:00', 2 * H)?.toISOString()).toBe(
      '2032-01-01T09:00:00.000Z',
    );
    expect(isOpen(cal, '2029-06-05T10:00:00+02:00')).toBe(false);
  });

  it('counts no time inside the ranges, and the days between them', () => {
    // 2026-12-28 … 2026-12-31 (4 days) and 2032-01-01 (Thursday) + 2032-01-02 (Friday): 6 days × 8 h.
    expect(businessTimeBetween(cal, '2026-12-28T00:00:00+01:00', '2032-01-03T00:00:00+01:00')).toBe(48 * H);
    // The small ranges before and after close their weeks.
    expect(businessTimeBetween(cal, '2026-02-02T00:00:00+01:00', '2026-02-09T00:00:00+01:00')).toBe(0);
    expect(businessTimeBetween(cal, '2032-03-01T00:00:00+01:00', '2032-03-08T00:00:00+01:00')).toBe(0);
  });
});

describe('createZoneOffsets', () => {
  it('reads offsets through formatToParts when Intl prints an unexpected format', () => {
    const zone = createZoneOffsets('Asia/Kathmandu');
    // `format` is an accessor returning a bound function: make it print something unexpected.
    const proto = Intl.DateTimeFormat.prototype;
    const original = Object.getOwnPropertyDescriptor(proto, 'format');
    if (original === undefined) throw new Error('Intl.DateTimeFormat.prototype.format is missing');
    Object.defineProperty(proto, 'format', { configurable: true, get: () => () => 'unexpected' });
    try {
      expect(zone?.offsetAt(Date.UTC(2026, 0, 1))).toBe(5 * H + 45 * 60_000);
    } finally {
      Object.defineProperty(proto, 'format', original);
    }
    expect(new Intl.DateTimeFormat('en-US').format(0)).not.toBe('unexpected');
  });
});

describe('createTimeline', () => {
  it('forgets the oldest blocks beyond its cache size and rebuilds them on demand', () => {
    const zone = createZoneOffsets('Europe/Berlin');
    if (zone === undefined) throw new Error('zone');
    const nineToFive = [540, 1020];
    const rules = {
      weekly: [nineToFive, nineToFive, nineToFive, nineToFive, nineToFive, [], []],
      holidayDays: new Set<number>(),
      holidayRanges: [],
      annual: new Set<number>(),
      exceptions: new Map<number, number[]>(),
    };
    const small = createTimeline(zone, rules, 2);
    const large = createTimeline(zone, rules);
    const from = Date.UTC(2026, 0, 1);
    const to = Date.UTC(2027, 0, 1);
    // A year spans six 64-day blocks: the small cache rebuilds, the answers stay the same.
    expect(small.between(from, to)).toBe(large.between(from, to));
    expect(small.add(from, 100 * H)).toBe(large.add(from, 100 * H));
    expect(small.between(from, to)).toBe(large.between(from, to));
  });
});

describe('a timeline answering many queries', () => {
  const zone = createZoneOffsets('America/New_York');
  if (zone === undefined) throw new Error('zone');
  const nineToSix = [540, 1080];
  const rules = {
    weekly: [nineToSix, nineToSix, nineToSix, nineToSix, nineToSix, [], []],
    holidayDays: new Set<number>([Math.floor(Date.UTC(2026, 6, 3) / (24 * H))]),
    holidayRanges: [],
    annual: new Set<number>(),
    exceptions: new Map<number, number[]>(),
  };
  // Instants around two DST changes and a year apart: queries hop between blocks, and many
  // repeat an instant (as a decision's `now` and its clocks' starts do).
  const near = (at: number) => fc.integer({ min: at - 2 * H, max: at + 2 * H });
  const instant = fc.oneof(
    fc.constantFrom(Date.UTC(2026, 2, 8, 6), Date.UTC(2026, 2, 9, 14), Date.UTC(2026, 10, 2, 13)),
    near(Date.UTC(2026, 2, 9, 14)),
    near(Date.UTC(2026, 10, 2, 22)),
    fc.integer({ min: Date.UTC(2026, 1, 20), max: Date.UTC(2026, 3, 10) }),
    fc.integer({ min: Date.UTC(2026, 9, 20), max: Date.UTC(2027, 0, 10) }),
  );
  const query = fc.oneof(
    fc.record({ kind: fc.constant('add' as const), at: instant, ms: fc.integer({ min: 0, max: 400 * H }) }),
    fc.record({ kind: fc.constant('between' as const), at: instant, to: instant }),
    fc.record({ kind: fc.constant('isOpen' as const), at: instant }),
    fc.record({ kind: fc.constant('nextChange' as const), at: instant }),
  );
  type Query = typeof query extends fc.Arbitrary<infer Q> ? Q : never;
  const ask = (timeline: ReturnType<typeof createTimeline>, q: Query): number | boolean | null => {
    switch (q.kind) {
      case 'add':
        return timeline.add(q.at, q.ms);
      case 'between':
        return timeline.between(q.at, q.to);
      case 'isOpen':
        return timeline.isOpen(q.at);
      case 'nextChange':
        return timeline.nextChange(q.at);
    }
  };

  it('answers each query as a new timeline does, whatever came before and however small its cache', () => {
    // One timeline per cache size answers the whole run, remembering blocks and positions;
    // a new timeline per query knows nothing.
    const reused = [1, 2, 4096].map((size) => createTimeline(zone, rules, size));
    fc.assert(
      fc.property(fc.array(query, { minLength: 1, maxLength: 12 }), (queries) => {
        for (const q of queries) {
          const expected = ask(createTimeline(zone, rules), q);
          for (const timeline of reused) expect(ask(timeline, q)).toBe(expected);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('the end of supported time', () => {
  // Open around the clock except one holiday, so the fast always-open path is not taken.
  const ny = compileCalendar({
    timezone: 'America/New_York',
    weekly: '24x7',
    holidays: [{ date: '2026-12-25' }],
  });

  it('answers null when the result would fall after 9999-12-31T23:59:59.999Z', () => {
    expect(addBusinessTime(ny, '9999-12-31T23:59:59.000Z', 999)?.toISOString()).toBe(
      '9999-12-31T23:59:59.999Z',
    );
    expect(addBusinessTime(ny, '9999-12-31T23:59:59.000Z', 1000)).toBeNull();
  });

  it('answers null when the next opening is after the end of supported time', () => {
    const evening = compileCalendar({ timezone: 'America/New_York', weekly: { fri: [['19:30', '20:00']] } });
    // Friday 9999-12-31 19:30 EST is 10000-01-01T00:30Z.
    expect(nextOpening(evening, '9999-12-31T23:00:00Z')).toBeNull();
    expect(addBusinessTime(evening, '9999-12-31T23:00:00Z', 0)).toBeNull();
  });
});

describe('nextChange', () => {
  const change = (calendar: Parameters<typeof timelineOf>[0], at: string): string | null => {
    const next = timelineOf(calendar, 'test').nextChange(Date.parse(at));
    return next === null ? null : new Date(next).toISOString();
  };

  it('is the closing of the open period, or the next opening', () => {
    const office = compileCalendar({ timezone: 'UTC', weekly: WEEKDAYS });
    expect(change(office, '2026-03-09T10:00:00Z')).toBe('2026-03-09T17:00:00.000Z');
    expect(change(office, '2026-03-09T17:00:00Z')).toBe('2026-03-10T09:00:00.000Z');
    expect(change(office, '2026-03-06T18:00:00Z')).toBe('2026-03-09T09:00:00.000Z');
  });

  it('follows an open period across the 64-day blocks it spans', () => {
    // Open every day around the clock except one holiday: the period runs for months.
    const almostAlways = compileCalendar({
      timezone: 'UTC',
      weekly: '24x7',
      holidays: [{ date: '2026-12-25' }],
    });
    expect(change(almostAlways, '2026-01-02T00:00:00Z')).toBe('2026-12-25T00:00:00.000Z');
  });

  it('is null for calendars that are always or never open', () => {
    expect(change(compileCalendar({ timezone: 'UTC', weekly: '24x7' }), '2026-01-01T00:00:00Z')).toBeNull();
    expect(change(compileCalendar({ timezone: 'UTC', weekly: {} }), '2026-01-01T00:00:00Z')).toBeNull();
  });

  it('is null past the end of supported time', () => {
    const almostAlways = compileCalendar({
      timezone: 'UTC',
      weekly: '24x7',
      holidays: [{ date: '2026-12-25' }],
    });
    expect(change(almostAlways, '9999-12-31T00:00:00Z')).toBeNull();
  });
});

describe('nextChange at a block boundary', () => {
  it('stops at a boundary where the next block opens later', () => {
    // Local day 20480 (2026-01-27) starts a 64-day block; a holiday closes it.
    const cal = compileCalendar({ timezone: 'UTC', weekly: '24x7', holidays: [{ date: '2026-01-27' }] });
    const next = timelineOf(cal, 'test').nextChange(Date.parse('2026-01-20T00:00:00Z'));
    expect(next === null ? null : new Date(next).toISOString()).toBe('2026-01-27T00:00:00.000Z');
  });
});

describe('nextChange with a limit', () => {
  // An open period that runs on for decades (24x7 after a past holiday): the walk through its
  // blocks stops at the limit instead of at the horizon (explain traces ask for one day).
  const cal = compileCalendar({ timezone: 'UTC', weekly: '24x7', holidays: [{ date: '2026-01-01' }] });
  const timeline = timelineOf(cal, 'test');
  const at = Date.parse('2026-03-09T14:00:00Z');

  it('answers at or after the limit when nothing changes before it', () => {
    const limit = Date.parse('2026-03-10T14:00:00Z');
    const next = timeline.nextChange(at, limit);
    expect(next).not.toBeNull();
    expect(next as number).toBeGreaterThanOrEqual(limit);
  });

  it('gives the exact change when it comes before the limit', () => {
    const before = Date.parse('2025-12-31T12:00:00Z');
    expect(timeline.nextChange(before, Date.parse('2026-06-01T00:00:00Z'))).toBe(
      Date.parse('2026-01-01T00:00:00Z'),
    );
  });
});
