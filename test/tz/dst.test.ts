import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  businessTimeBetween,
  compileCalendar,
  isOpen,
  nextOpening,
  type Calendar,
  type Instant,
  type TimeWindow,
} from '../../src/index.js';

// Every expected instant below is computed by hand in the comment next to it. The 2026
// transitions were read from Intl (ICU 78, tzdata 2025c) before being written down:
//   America/New_York    2026-03-08T07:00Z 02:00 EST → 03:00 EDT;  2026-11-01T06:00Z 02:00 EDT → 01:00 EST
//   Europe/Berlin       2026-03-29T01:00Z 02:00 CET → 03:00 CEST; 2026-10-25T01:00Z 03:00 CEST → 02:00 CET
//   Australia/Sydney    2026-04-04T16:00Z 03:00 (+11) → 02:00 (+10); 2026-10-03T16:00Z 02:00 (+10) → 03:00 (+11)
//   Australia/Lord_Howe 2026-04-04T15:00Z 02:00 (+11) → 01:30 (+10:30); 2026-10-03T15:30Z 02:00 (+10:30) → 02:30 (+11)
//   Pacific/Chatham     2026-04-04T14:00Z 03:45 (+13:45) → 02:45 (+12:45); 2026-09-26T14:00Z 02:45 (+12:45) → 03:45 (+13:45)
//   America/Santiago    2026-04-05T03:00Z 00:00 (-03) → 04-04 23:00 (-04); 2026-09-06T04:00Z 00:00 (-04) → 01:00 (-03)
//   Asia/Kolkata +05:30 and Asia/Kathmandu +05:45 all year.

const H = 3_600_000;
const M = 60_000;
const NINE_TO_FIVE = [['09:00', '17:00']] as const;
const WEEKDAYS = {
  mon: NINE_TO_FIVE,
  tue: NINE_TO_FIVE,
  wed: NINE_TO_FIVE,
  thu: NINE_TO_FIVE,
  fri: NINE_TO_FIVE,
} as const;

/** A calendar open only on Sundays, in the given windows. */
function sundays(timezone: string, ...windows: TimeWindow[]): Calendar {
  return compileCalendar({ timezone, weekly: { sun: windows } });
}

/** A calendar open only on Saturdays, in the given windows. */
function saturdays(timezone: string, ...windows: TimeWindow[]): Calendar {
  return compileCalendar({ timezone, weekly: { sat: windows } });
}

function weekdays(timezone: string): Calendar {
  return compileCalendar({ timezone, weekly: WEEKDAYS });
}

/**
 * Open every day, all day. The holiday (long past) keeps the engine off its 24x7 shortcut,
 * so the open periods are built from local midnights like any other calendar's.
 */
function everyDay(timezone: string): Calendar {
  return compileCalendar({ timezone, weekly: '24x7', holidays: [{ date: '2000-01-01' }] });
}

function iso(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}

function add(cal: Calendar, start: Instant, durationMs: number): string | null {
  return iso(addBusinessTime(cal, start, durationMs));
}

function next(cal: Calendar, at: Instant): string | null {
  return iso(nextOpening(cal, at));
}

describe('America/New_York', () => {
  it('gives a 01:00–04:00 window 2 real hours on the spring-forward day', () => {
    const cal = sundays('America/New_York', ['01:00', '04:00']);
    // 01:00 EST = 06:00Z; 04:00 EDT = 08:00Z.
    expect(businessTimeBetween(cal, '2026-03-08T00:00-05:00', '2026-03-09T00:00-04:00')).toBe(2 * H);
    expect(next(cal, '2026-03-08T00:00-05:00')).toBe('2026-03-08T06:00:00.000Z');
    expect(add(cal, '2026-03-08T06:00Z', 2 * H)).toBe('2026-03-08T08:00:00.000Z');
    expect(add(cal, '2026-03-08T06:30Z', H)).toBe('2026-03-08T07:30:00.000Z'); // 03:30 EDT
  });

  it('gives a 01:00–04:00 window 4 real hours on the fall-back day', () => {
    const cal = sundays('America/New_York', ['01:00', '04:00']);
    // 01:00 takes the earlier instant, EDT = 05:00Z; 04:00 EST = 09:00Z.
    expect(businessTimeBetween(cal, '2026-11-01T00:00-04:00', '2026-11-02T00:00-05:00')).toBe(4 * H);
    expect(next(cal, '2026-11-01T00:00-04:00')).toBe('2026-11-01T05:00:00.000Z');
    // The second 01:30 (EST, 06:30Z) is inside the window too.
    expect(isOpen(cal, '2026-11-01T01:30-05:00')).toBe(true);
    expect(add(cal, '2026-11-01T05:00Z', 4 * H)).toBe('2026-11-01T09:00:00.000Z');
  });

  it('opens a window that starts inside the gap at the moved-forward instant', () => {
    const cal = sundays('America/New_York', ['02:30', '05:00']);
    // 02:30 does not exist: it moves forward by the 1 h gap to 03:30 EDT = 07:30Z; 05:00 EDT = 09:00Z.
    expect(next(cal, '2026-03-08T00:00-05:00')).toBe('2026-03-08T07:30:00.000Z');
    expect(isOpen(cal, '2026-03-08T07:29:59.999Z')).toBe(false);
    expect(isOpen(cal, '2026-03-08T07:30Z')).toBe(true);
    expect(businessTimeBetween(cal, '2026-03-08T00:00-05:00', '2026-03-09T00:00-04:00')).toBe(1.5 * H);
    // On the fall-back day 02:30 exists once, EST = 07:30Z; 05:00 EST = 10:00Z.
    expect(next(cal, '2026-11-01T00:00-04:00')).toBe('2026-11-01T07:30:00.000Z');
    expect(businessTimeBetween(cal, '2026-11-01T00:00-04:00', '2026-11-02T00:00-05:00')).toBe(2.5 * H);
  });

  it('closes a window that ends inside the gap at the moved-forward instant', () => {
    const cal = sundays('America/New_York', ['00:00', '02:30']);
    // 00:00 EST = 05:00Z; 02:30 moves forward to 03:30 EDT = 07:30Z: 2.5 real hours.
    expect(isOpen(cal, '2026-03-08T07:29:59.999Z')).toBe(true);
    expect(isOpen(cal, '2026-03-08T07:30Z')).toBe(false);
    expect(businessTimeBetween(cal, '2026-03-08T00:00-05:00', '2026-03-09T00:00-04:00')).toBe(2.5 * H);
    expect(add(cal, '2026-03-08T05:00Z', 2.5 * H)).toBe('2026-03-08T07:30:00.000Z');
  });

  it('gives a window wholly inside the gap no open time', () => {
    const cal = sundays('America/New_York', ['02:00', '03:00']);
    // 02:00 → 03:00 EDT and 03:00 EDT: both ends are 07:00Z.
    expect(businessTimeBetween(cal, '2026-03-08T00:00-05:00', '2026-03-09T00:00-04:00')).toBe(0);
    expect(isOpen(cal, '2026-03-08T07:00Z')).toBe(false);
    // Next Sunday 02:00 EDT = 06:00Z.
    expect(next(cal, '2026-03-08T00:00-05:00')).toBe('2026-03-15T06:00:00.000Z');
  });

  it('resolves windows in the overlap to the earlier instant', () => {
    const cal = sundays('America/New_York', ['01:15', '01:45']);
    // 01:15 and 01:45 EDT: 05:15Z–05:45Z. The second pass (EST, 06:15Z–06:45Z) stays closed.
    expect(businessTimeBetween(cal, '2026-11-01T00:00-04:00', '2026-11-02T00:00-05:00')).toBe(30 * M);
    expect(isOpen(cal, '2026-11-01T05:30Z')).toBe(true);
    expect(isOpen(cal, '2026-11-01T06:30Z')).toBe(false);
    // After the first pass: next Sunday 01:15 EST = 06:15Z.
    expect(next(cal, '2026-11-01T05:45Z')).toBe('2026-11-08T06:15:00.000Z');
    // A window ending in the overlap ends at its first pass: 00:00 EDT = 04:00Z to 01:30 EDT = 05:30Z.
    const early = sundays('America/New_York', ['00:00', '01:30']);
    expect(businessTimeBetween(early, '2026-11-01T00:00-04:00', '2026-11-02T00:00-05:00')).toBe(1.5 * H);
  });

  it('keeps the local wall time of a Mon–Fri deadline across the DST weekend', () => {
    const cal = weekdays('America/New_York');
    // Friday 16:00 EST (21:00Z) + 4 h: 1 h Friday, 3 h Monday → Monday 12:00 EDT = 16:00Z.
    expect(add(cal, '2026-03-06T16:00-05:00', 4 * H)).toBe('2026-03-09T16:00:00.000Z');
    expect(next(cal, '2026-03-07T12:00-05:00')).toBe('2026-03-09T13:00:00.000Z'); // 09:00 EDT
    // Friday 16:00 EDT (20:00Z) + 4 h → Monday 12:00 EST = 17:00Z.
    expect(add(cal, '2026-10-30T16:00-04:00', 4 * H)).toBe('2026-11-02T17:00:00.000Z');
  });

  it('totals whole weeks and days across both changes', () => {
    const office = weekdays('America/New_York');
    expect(businessTimeBetween(office, '2026-03-02T00:00-05:00', '2026-03-16T00:00-04:00')).toBe(80 * H);
    expect(businessTimeBetween(office, '2026-10-26T00:00-04:00', '2026-11-09T00:00-05:00')).toBe(80 * H);
    const sunday = sundays('America/New_York', ['00:00', '24:00']);
    expect(businessTimeBetween(sunday, '2026-03-08T00:00-05:00', '2026-03-09T00:00-04:00')).toBe(23 * H);
    expect(businessTimeBetween(sunday, '2026-11-01T00:00-04:00', '2026-11-02T00:00-05:00')).toBe(25 * H);
    const always = everyDay('America/New_York');
    expect(businessTimeBetween(always, '2026-03-02T00:00-05:00', '2026-03-09T00:00-04:00')).toBe(167 * H);
    expect(businessTimeBetween(always, '2026-10-26T00:00-04:00', '2026-11-02T00:00-05:00')).toBe(169 * H);
  });
});

describe('Europe/Berlin', () => {
  it('gives a 01:00–04:00 window 2 real hours in spring and 4 in autumn', () => {
    const cal = sundays('Europe/Berlin', ['01:00', '04:00']);
    // Spring: 01:00 CET = 00:00Z; 04:00 CEST = 02:00Z.
    expect(businessTimeBetween(cal, '2026-03-29T00:00+01:00', '2026-03-30T00:00+02:00')).toBe(2 * H);
    expect(next(cal, '2026-03-28T12:00Z')).toBe('2026-03-29T00:00:00.000Z');
    // Autumn: 01:00 CEST = 2026-10-24T23:00Z; 04:00 CET = 03:00Z.
    expect(businessTimeBetween(cal, '2026-10-25T00:00+02:00', '2026-10-26T00:00+01:00')).toBe(4 * H);
    expect(next(cal, '2026-10-24T12:00Z')).toBe('2026-10-24T23:00:00.000Z');
  });

  it('opens a window that starts inside the gap at the moved-forward instant', () => {
    const cal = sundays('Europe/Berlin', ['02:15', '06:00']);
    // 02:15 → 03:15 CEST = 01:15Z; 06:00 CEST = 04:00Z.
    expect(next(cal, '2026-03-29T00:00+01:00')).toBe('2026-03-29T01:15:00.000Z');
    expect(businessTimeBetween(cal, '2026-03-29T00:00+01:00', '2026-03-30T00:00+02:00')).toBe(2.75 * H);
  });

  it('resolves a window in the overlap to the earlier instant', () => {
    const cal = sundays('Europe/Berlin', ['02:00', '02:30']);
    // 02:00–02:30 CEST = 00:00Z–00:30Z; the second pass, 02:15 CET = 01:15Z, is closed.
    expect(businessTimeBetween(cal, '2026-10-25T00:00+02:00', '2026-10-26T00:00+01:00')).toBe(30 * M);
    expect(isOpen(cal, '2026-10-25T00:15Z')).toBe(true);
    expect(isOpen(cal, '2026-10-25T02:15+01:00')).toBe(false);
  });

  it('keeps the local wall time of a Mon–Fri deadline across the DST weekend', () => {
    const cal = weekdays('Europe/Berlin');
    // Friday 16:00 CET (15:00Z) + 4 h → Monday 12:00 CEST = 10:00Z.
    expect(add(cal, '2026-03-27T16:00+01:00', 4 * H)).toBe('2026-03-30T10:00:00.000Z');
    // Friday 16:00 CEST (14:00Z) + 4 h → Monday 12:00 CET = 11:00Z.
    expect(add(cal, '2026-10-23T16:00+02:00', 4 * H)).toBe('2026-10-26T11:00:00.000Z');
  });

  it('totals whole weeks across both changes', () => {
    const always = everyDay('Europe/Berlin');
    expect(businessTimeBetween(always, '2026-03-23T00:00+01:00', '2026-03-30T00:00+02:00')).toBe(167 * H);
    expect(businessTimeBetween(always, '2026-10-19T00:00+02:00', '2026-10-26T00:00+01:00')).toBe(169 * H);
    const office = weekdays('Europe/Berlin');
    expect(businessTimeBetween(office, '2026-03-23T00:00+01:00', '2026-04-06T00:00+02:00')).toBe(80 * H);
  });
});

describe('Australia/Sydney', () => {
  it('gives a 01:00–04:00 window 4 real hours when clocks go back in April', () => {
    const cal = sundays('Australia/Sydney', ['01:00', '04:00']);
    // 01:00 AEDT (+11) = 2026-04-04T14:00Z; 04:00 AEST (+10) = 18:00Z.
    expect(businessTimeBetween(cal, '2026-04-05T00:00+11:00', '2026-04-06T00:00+10:00')).toBe(4 * H);
    expect(next(cal, '2026-04-04T12:00Z')).toBe('2026-04-04T14:00:00.000Z');
  });

  it('resolves a window through the overlap from its earlier start', () => {
    const cal = sundays('Australia/Sydney', ['02:30', '03:30']);
    // 02:30 earlier = AEDT = 2026-04-04T15:30Z; 03:30 exists once, AEST = 17:30Z: 2 real hours.
    expect(businessTimeBetween(cal, '2026-04-05T00:00+11:00', '2026-04-06T00:00+10:00')).toBe(2 * H);
    expect(next(cal, '2026-04-04T12:00Z')).toBe('2026-04-04T15:30:00.000Z');
  });

  it('gives a 01:00–04:00 window 2 real hours when clocks go forward in October', () => {
    const cal = sundays('Australia/Sydney', ['01:00', '04:00']);
    // 01:00 AEST = 2026-10-03T15:00Z; 04:00 AEDT = 17:00Z.
    expect(businessTimeBetween(cal, '2026-10-04T00:00+10:00', '2026-10-05T00:00+11:00')).toBe(2 * H);
  });

  it('opens a window that starts inside the gap at the moved-forward instant', () => {
    const cal = sundays('Australia/Sydney', ['02:30', '05:00']);
    // 02:30 → 03:30 AEDT = 2026-10-03T16:30Z; 05:00 AEDT = 18:00Z.
    expect(next(cal, '2026-10-03T12:00Z')).toBe('2026-10-03T16:30:00.000Z');
    expect(businessTimeBetween(cal, '2026-10-04T00:00+10:00', '2026-10-05T00:00+11:00')).toBe(1.5 * H);
  });

  it('keeps the local wall time of a Mon–Fri deadline across the DST weekend', () => {
    const cal = weekdays('Australia/Sydney');
    // Friday 16:00 AEDT (05:00Z) + 4 h → Monday 12:00 AEST = 02:00Z.
    expect(add(cal, '2026-04-03T16:00+11:00', 4 * H)).toBe('2026-04-06T02:00:00.000Z');
    // Friday 16:00 AEST (06:00Z) + 4 h → Monday 12:00 AEDT = 01:00Z.
    expect(add(cal, '2026-10-02T16:00+10:00', 4 * H)).toBe('2026-10-05T01:00:00.000Z');
    expect(businessTimeBetween(cal, '2026-03-30T00:00+11:00', '2026-04-13T00:00+10:00')).toBe(80 * H);
  });
});

describe('Australia/Lord_Howe', () => {
  it('gives a 01:00–04:00 window 3.5 real hours when clocks go back 30 minutes', () => {
    const cal = sundays('Australia/Lord_Howe', ['01:00', '04:00']);
    // 01:00 (+11) = 2026-04-04T14:00Z; 04:00 (+10:30) = 17:30Z.
    expect(businessTimeBetween(cal, '2026-04-05T00:00+11:00', '2026-04-06T00:00+10:30')).toBe(3.5 * H);
  });

  it('resolves a window in the 30-minute overlap to the earlier instant', () => {
    const cal = sundays('Australia/Lord_Howe', ['01:40', '01:50']);
    // 01:40–01:50 (+11) = 2026-04-04T14:40Z–14:50Z; the second pass, 01:45 (+10:30) = 15:15Z, is closed.
    expect(next(cal, '2026-04-04T12:00Z')).toBe('2026-04-04T14:40:00.000Z');
    expect(businessTimeBetween(cal, '2026-04-05T00:00+11:00', '2026-04-06T00:00+10:30')).toBe(10 * M);
    expect(isOpen(cal, '2026-04-05T01:45+10:30')).toBe(false);
  });

  it('gives a 01:00–04:00 window 2.5 real hours when clocks go forward 30 minutes', () => {
    const cal = sundays('Australia/Lord_Howe', ['01:00', '04:00']);
    // 01:00 (+10:30) = 2026-10-03T14:30Z; 04:00 (+11) = 17:00Z.
    expect(businessTimeBetween(cal, '2026-10-04T00:00+10:30', '2026-10-05T00:00+11:00')).toBe(2.5 * H);
  });

  it('moves gap times forward by 30 minutes', () => {
    const starts = sundays('Australia/Lord_Howe', ['02:10', '03:00']);
    // 02:10 → 02:40 (+11) = 2026-10-03T15:40Z; 03:00 (+11) = 16:00Z.
    expect(next(starts, '2026-10-03T15:00Z')).toBe('2026-10-03T15:40:00.000Z');
    expect(businessTimeBetween(starts, '2026-10-04T00:00+10:30', '2026-10-05T00:00+11:00')).toBe(20 * M);
    const ends = sundays('Australia/Lord_Howe', ['00:00', '02:15']);
    // 00:00 (+10:30) = 2026-10-03T13:30Z; 02:15 → 02:45 (+11) = 15:45Z.
    expect(businessTimeBetween(ends, '2026-10-04T00:00+10:30', '2026-10-05T00:00+11:00')).toBe(2.25 * H);
  });

  it('counts 24.5 and 23.5 hours in the whole change days', () => {
    const sunday = sundays('Australia/Lord_Howe', ['00:00', '24:00']);
    expect(businessTimeBetween(sunday, '2026-04-05T00:00+11:00', '2026-04-06T00:00+10:30')).toBe(24.5 * H);
    expect(businessTimeBetween(sunday, '2026-10-04T00:00+10:30', '2026-10-05T00:00+11:00')).toBe(23.5 * H);
    const always = everyDay('Australia/Lord_Howe');
    expect(businessTimeBetween(always, '2026-03-30T00:00+11:00', '2026-04-06T00:00+10:30')).toBe(168.5 * H);
  });
});

describe('Asia/Kolkata', () => {
  it('opens at 09:00 +05:30 all year', () => {
    const cal = weekdays('Asia/Kolkata');
    // Monday 09:00 IST = 03:30Z, before and after the US and EU changes.
    expect(next(cal, '2026-03-01T12:00Z')).toBe('2026-03-02T03:30:00.000Z');
    expect(next(cal, '2026-11-01T12:00Z')).toBe('2026-11-02T03:30:00.000Z');
    // Friday 16:00 IST (10:30Z) + 4 h → Monday 12:00 IST = 06:30Z.
    expect(add(cal, '2026-03-06T16:00+05:30', 4 * H)).toBe('2026-03-09T06:30:00.000Z');
    expect(businessTimeBetween(cal, '2026-03-02T00:00+05:30', '2026-03-16T00:00+05:30')).toBe(80 * H);
  });
});

describe('Asia/Kathmandu', () => {
  it('opens at 09:00 +05:45', () => {
    const cal = weekdays('Asia/Kathmandu');
    // Monday 09:00 = 03:15Z; Friday 16:00 (10:15Z) + 4 h → Monday 12:00 = 06:15Z.
    expect(next(cal, '2026-03-01T12:00Z')).toBe('2026-03-02T03:15:00.000Z');
    expect(isOpen(cal, '2026-03-02T03:14:59.999Z')).toBe(false);
    expect(add(cal, '2026-03-06T16:00+05:45', 4 * H)).toBe('2026-03-09T06:15:00.000Z');
  });

  it('runs a night shift through midnight at a +05:45 offset', () => {
    const cal = compileCalendar({
      timezone: 'Asia/Kathmandu',
      weekly: { mon: [['22:00', '24:00']], tue: [['00:00', '06:00']] },
    });
    // Local midnight Monday→Tuesday 2026-03-02/03 is 2026-03-02T18:15Z.
    expect(isOpen(cal, '2026-03-02T18:15Z')).toBe(true);
    // 23:00 (17:15Z) + 2 h = 01:00 = 19:15Z.
    expect(add(cal, '2026-03-02T23:00+05:45', 2 * H)).toBe('2026-03-02T19:15:00.000Z');
  });
});

describe('Pacific/Chatham', () => {
  it('gives a 01:00–05:00 window 5 real hours when clocks go back', () => {
    const cal = sundays('Pacific/Chatham', ['01:00', '05:00']);
    // 01:00 (+13:45) = 2026-04-04T11:15Z; 05:00 (+12:45) = 16:15Z.
    expect(businessTimeBetween(cal, '2026-04-05T00:00+13:45', '2026-04-06T00:00+12:45')).toBe(5 * H);
    expect(next(cal, '2026-04-04T00:00Z')).toBe('2026-04-04T11:15:00.000Z');
  });

  it('resolves a window in the overlap to the earlier instant', () => {
    const cal = sundays('Pacific/Chatham', ['03:00', '03:30']);
    // 03:00–03:30 (+13:45) = 2026-04-04T13:15Z–13:45Z; the second pass, 03:15 (+12:45) = 14:30Z, is closed.
    expect(next(cal, '2026-04-04T00:00Z')).toBe('2026-04-04T13:15:00.000Z');
    expect(isOpen(cal, '2026-04-04T14:30Z')).toBe(false);
    expect(businessTimeBetween(cal, '2026-04-05T00:00+13:45', '2026-04-06T00:00+12:45')).toBe(30 * M);
  });

  it('gives a 01:00–05:00 window 3 real hours when clocks go forward', () => {
    const cal = sundays('Pacific/Chatham', ['01:00', '05:00']);
    // 01:00 (+12:45) = 2026-09-26T12:15Z; 05:00 (+13:45) = 15:15Z.
    expect(businessTimeBetween(cal, '2026-09-27T00:00+12:45', '2026-09-28T00:00+13:45')).toBe(3 * H);
  });

  it('opens a window that starts inside the gap at the moved-forward instant', () => {
    const cal = sundays('Pacific/Chatham', ['03:00', '06:00']);
    // 03:00 → 04:00 (+13:45) = 2026-09-26T14:15Z; 06:00 (+13:45) = 16:15Z.
    expect(next(cal, '2026-09-26T00:00Z')).toBe('2026-09-26T14:15:00.000Z');
    expect(businessTimeBetween(cal, '2026-09-27T00:00+12:45', '2026-09-28T00:00+13:45')).toBe(2 * H);
  });

  it('keeps the local wall time of a Mon–Fri deadline across the DST weekend', () => {
    const cal = weekdays('Pacific/Chatham');
    // Friday 16:00 (+13:45) = 02:15Z + 4 h → Monday 12:00 (+12:45) = 2026-04-05T23:15Z.
    expect(add(cal, '2026-04-03T16:00+13:45', 4 * H)).toBe('2026-04-05T23:15:00.000Z');
    // Friday 16:00 (+12:45) = 03:15Z + 4 h → Monday 12:00 (+13:45) = 2026-09-27T22:15Z.
    expect(add(cal, '2026-09-25T16:00+12:45', 4 * H)).toBe('2026-09-27T22:15:00.000Z');
  });
});

describe('America/Santiago', () => {
  it('opens a window starting at 00:00 on the spring-forward day at 01:00', () => {
    const cal = sundays('America/Santiago', ['00:00', '02:00']);
    // 2026-09-06 00:00 does not exist: → 01:00 (-03) = 04:00Z; 02:00 (-03) = 05:00Z.
    expect(next(cal, '2026-09-05T12:00-04:00')).toBe('2026-09-06T04:00:00.000Z');
    expect(isOpen(cal, '2026-09-06T03:59:59.999Z')).toBe(false);
    expect(isOpen(cal, '2026-09-06T04:00Z')).toBe(true);
    expect(businessTimeBetween(cal, '2026-09-05T00:00-04:00', '2026-09-07T00:00-03:00')).toBe(H);
  });

  it('runs a night shift straight through the missing midnight', () => {
    const cal = compileCalendar({
      timezone: 'America/Santiago',
      weekly: { sat: [['22:00', '24:00']], sun: [['00:00', '02:00']] },
    });
    // Saturday 22:00 (-04) = 02:00Z; Saturday 24:00 = Sunday 00:00 → 01:00 (-03) = 04:00Z;
    // Sunday 01:00–02:00 (-03) = 04:00Z–05:00Z. One period, 02:00Z–05:00Z.
    expect(isOpen(cal, '2026-09-06T04:00Z')).toBe(true);
    expect(add(cal, '2026-09-05T22:00-04:00', 2 * H)).toBe('2026-09-06T04:00:00.000Z');
    expect(add(cal, '2026-09-05T23:00-04:00', H)).toBe('2026-09-06T04:00:00.000Z');
    expect(add(cal, '2026-09-05T22:00-04:00', 3 * H)).toBe('2026-09-06T05:00:00.000Z');
    expect(businessTimeBetween(cal, '2026-09-05T00:00-04:00', '2026-09-07T00:00-03:00')).toBe(3 * H);
  });

  it('counts 23 hours on the spring-forward day and 25 on the day before the fall-back', () => {
    const sunday = sundays('America/Santiago', ['00:00', '24:00']);
    // 2026-09-06: 01:00 (-03) = 04:00Z to 2026-09-07 00:00 (-03) = 03:00Z.
    expect(businessTimeBetween(sunday, '2026-09-05T00:00-04:00', '2026-09-08T00:00-03:00')).toBe(23 * H);
    // 2026-04-05: 00:00 (-04) = 04:00Z to 2026-04-06 00:00 (-04) = 04:00Z.
    expect(businessTimeBetween(sunday, '2026-04-04T00:00-03:00', '2026-04-07T00:00-04:00')).toBe(24 * H);
    const saturday = saturdays('America/Santiago', ['00:00', '24:00']);
    // 2026-04-04: 00:00 (-03) = 03:00Z to 2026-04-05 00:00 (-04) = 04:00Z, with 23:00–24:00 twice.
    expect(businessTimeBetween(saturday, '2026-04-04T00:00-03:00', '2026-04-06T00:00-04:00')).toBe(25 * H);
  });

  it('resolves late Saturday windows before the fall-back to the earlier instant', () => {
    const overlap = saturdays('America/Santiago', ['23:00', '23:30']);
    // 23:00–23:30 (-03) = 2026-04-05T02:00Z–02:30Z; the second pass, 23:15 (-04) = 03:15Z, is closed.
    expect(next(overlap, '2026-04-04T12:00-03:00')).toBe('2026-04-05T02:00:00.000Z');
    expect(isOpen(overlap, '2026-04-05T03:15Z')).toBe(false);
    expect(businessTimeBetween(overlap, '2026-04-04T00:00-03:00', '2026-04-06T00:00-04:00')).toBe(30 * M);
    const late = saturdays('America/Santiago', ['22:00', '24:00']);
    // 22:00 (-03) = 01:00Z to 24:00 = Sunday 00:00 (-04) = 04:00Z: 3 real hours.
    expect(businessTimeBetween(late, '2026-04-04T00:00-03:00', '2026-04-06T00:00-04:00')).toBe(3 * H);
    expect(add(late, '2026-04-04T22:00-03:00', 3 * H)).toBe('2026-04-05T04:00:00.000Z');
  });

  it('opens a window starting at 00:00 on the fall-back day once, at 00:00 (-04)', () => {
    const cal = sundays('America/Santiago', ['00:00', '02:00']);
    // 00:00 (-04) = 04:00Z; 02:00 (-04) = 06:00Z.
    expect(next(cal, '2026-04-04T12:00-03:00')).toBe('2026-04-05T04:00:00.000Z');
    expect(businessTimeBetween(cal, '2026-04-04T00:00-03:00', '2026-04-06T00:00-04:00')).toBe(2 * H);
  });

  it('moves a window wholly inside the midnight gap forward by the gap', () => {
    const cal = sundays('America/Santiago', ['00:00', '00:30']);
    // 00:00 → 01:00 (-03) = 04:00Z; 00:30 → 01:30 (-03) = 04:30Z: 30 real minutes.
    expect(next(cal, '2026-09-05T00:00Z')).toBe('2026-09-06T04:00:00.000Z');
    expect(businessTimeBetween(cal, '2026-09-05T00:00Z', '2026-09-08T00:00Z')).toBe(30 * M);
  });

  it('closes whole local dates and applies exception hours on the change days', () => {
    const shift = { sat: [['22:00', '24:00']], sun: [['00:00', '02:00']] } as const;
    // A holiday on the gap Sunday leaves Saturday 22:00 (-04) = 02:00Z to 04:00Z.
    const sundayOff = compileCalendar({
      timezone: 'America/Santiago',
      weekly: shift,
      holidays: [{ date: '2026-09-06' }],
    });
    expect(businessTimeBetween(sundayOff, '2026-09-05T00:00-04:00', '2026-09-07T00:00-03:00')).toBe(2 * H);
    // A holiday on the Saturday leaves Sunday 01:00–02:00 (-03) = 04:00Z–05:00Z.
    const saturdayOff = compileCalendar({
      timezone: 'America/Santiago',
      weekly: shift,
      holidays: [{ date: '2026-09-05' }],
    });
    expect(businessTimeBetween(saturdayOff, '2026-09-05T00:00-04:00', '2026-09-07T00:00-03:00')).toBe(H);
    expect(next(saturdayOff, '2026-09-05T12:00-04:00')).toBe('2026-09-06T04:00:00.000Z');
    // Exceptions open the whole change days: 23 h on 2026-09-06 and 25 h on 2026-04-04.
    const allDay = [['00:00', '24:00']] as const;
    const exceptions = compileCalendar({
      timezone: 'America/Santiago',
      weekly: {},
      exceptions: [
        { date: '2026-09-06', hours: allDay },
        { date: '2026-04-04', hours: allDay },
      ],
    });
    expect(businessTimeBetween(exceptions, '2026-09-01T00:00Z', '2026-09-10T00:00Z')).toBe(23 * H);
    expect(businessTimeBetween(exceptions, '2026-04-01T00:00Z', '2026-04-10T00:00Z')).toBe(25 * H);
  });

  it('keeps the local wall time of a Mon–Fri deadline across the DST weekend', () => {
    const cal = weekdays('America/Santiago');
    // Friday 16:00 (-04) = 20:00Z + 4 h → Monday 12:00 (-03) = 15:00Z.
    expect(add(cal, '2026-09-04T16:00-04:00', 4 * H)).toBe('2026-09-07T15:00:00.000Z');
    // Friday 16:00 (-03) = 19:00Z + 4 h → Monday 12:00 (-04) = 16:00Z.
    expect(add(cal, '2026-04-03T16:00-03:00', 4 * H)).toBe('2026-04-06T16:00:00.000Z');
  });

  it('totals whole weeks across both changes', () => {
    const always = everyDay('America/Santiago');
    expect(businessTimeBetween(always, '2026-08-31T00:00-04:00', '2026-09-07T00:00-03:00')).toBe(167 * H);
    expect(businessTimeBetween(always, '2026-03-30T00:00-03:00', '2026-04-06T00:00-04:00')).toBe(169 * H);
    const office = weekdays('America/Santiago');
    expect(businessTimeBetween(office, '2026-08-31T00:00-04:00', '2026-09-14T00:00-03:00')).toBe(80 * H);
  });
});
