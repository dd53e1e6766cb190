import { describe, expect, it } from 'vitest';
import type { CalendarDefinition } from '../../src/index.js';
import { createOracle } from './oracle.js';

const ms = (iso: string): number => Date.parse(iso);
const HOUR = 3_600_000;

/** A calendar that is open only on the listed dates, with the given hours. */
function onDates(timezone: string, dates: Record<string, [string, string][]>): CalendarDefinition {
  return {
    timezone,
    weekly: {},
    exceptions: Object.entries(dates).map(([date, hours]) => ({ date, hours })),
  };
}

const nineToFive: CalendarDefinition = {
  timezone: 'America/New_York',
  weekly: {
    mon: [['09:00', '17:00']],
    tue: [['09:00', '17:00']],
    wed: [['09:00', '17:00']],
    thu: [['09:00', '17:00']],
    fri: [['09:00', '17:00']],
  },
  holidays: [{ date: '2026-12-25' }, { from: '2027-01-04', to: '2027-01-05' }, { annual: '02-29' }],
};

describe('createOracle', () => {
  it('counts 2 real hours in a 01:00–04:00 window on the New York spring-forward day', () => {
    const oracle = createOracle(onDates('America/New_York', { '2026-03-08': [['01:00', '04:00']] }));
    expect(oracle.nextOpening(ms('2026-03-01T00:00:00Z'))).toBe(ms('2026-03-08T06:00:00Z'));
    expect(oracle.isOpen(ms('2026-03-08T05:59:59.999Z'))).toBe(false);
    expect(oracle.isOpen(ms('2026-03-08T06:00:00Z'))).toBe(true);
    expect(oracle.isOpen(ms('2026-03-08T07:59:59.999Z'))).toBe(true);
    expect(oracle.isOpen(ms('2026-03-08T08:00:00Z'))).toBe(false);
    expect(oracle.between(ms('2026-03-07T00:00:00Z'), ms('2026-03-10T00:00:00Z'))).toBe(2 * HOUR);
  });

  it('counts 4 real hours in a 00:00–03:00 window on the New York fall-back day', () => {
    const oracle = createOracle(onDates('America/New_York', { '2026-11-01': [['00:00', '03:00']] }));
    expect(oracle.nextOpening(ms('2026-10-30T00:00:00Z'))).toBe(ms('2026-11-01T04:00:00Z'));
    expect(oracle.isOpen(ms('2026-11-01T07:59:59.999Z'))).toBe(true);
    expect(oracle.isOpen(ms('2026-11-01T08:00:00Z'))).toBe(false);
    expect(oracle.between(ms('2026-10-31T00:00:00Z'), ms('2026-11-03T00:00:00Z'))).toBe(4 * HOUR);
  });

  it('opens a 02:30 window on the spring-forward day at 03:30 EDT (07:30Z)', () => {
    const oracle = createOracle(onDates('America/New_York', { '2026-03-08': [['02:30', '05:00']] }));
    expect(oracle.nextOpening(ms('2026-03-08T00:00:00Z'))).toBe(ms('2026-03-08T07:30:00Z'));
    expect(oracle.isOpen(ms('2026-03-08T07:29:59.999Z'))).toBe(false);
    expect(oracle.between(ms('2026-03-08T00:00:00Z'), ms('2026-03-09T00:00:00Z'))).toBe(1.5 * HOUR);
  });

  it('opens at the earlier instant of a wall time that occurs twice', () => {
    const oracle = createOracle(onDates('America/New_York', { '2026-11-01': [['01:30', '02:00']] }));
    // 01:30 EDT = 05:30Z; 02:00 EST = 07:00Z.
    expect(oracle.nextOpening(ms('2026-11-01T00:00:00Z'))).toBe(ms('2026-11-01T05:30:00Z'));
    expect(oracle.between(ms('2026-11-01T00:00:00Z'), ms('2026-11-02T00:00:00Z'))).toBe(1.5 * HOUR);
  });

  it("follows Lord Howe's 30-minute shifts", () => {
    const oracle = createOracle(
      onDates('Australia/Lord_Howe', {
        '2026-04-05': [['01:00', '04:00']], // back from +11:00 to +10:30 at 02:00
        '2026-10-04': [
          ['01:00', '01:30'],
          ['02:15', '04:00'],
        ], // forward from +10:30 to +11:00 at 02:00
      }),
    );
    // 01:00 +11:00 → 14:00Z; 04:00 +10:30 → 17:30Z: 3.5 real hours.
    expect(oracle.nextOpening(ms('2026-04-01T00:00:00Z'))).toBe(ms('2026-04-04T14:00:00Z'));
    expect(oracle.between(ms('2026-04-01T00:00:00Z'), ms('2026-04-10T00:00:00Z'))).toBe(3.5 * HOUR);
    // 01:00 +10:30 → 14:30Z until 15:00Z; 02:15 is in the gap → 02:45 +11:00 = 15:45Z; 04:00 +11:00 → 17:00Z.
    expect(oracle.nextOpening(ms('2026-10-03T15:00:00Z'))).toBe(ms('2026-10-03T15:45:00Z'));
    expect(oracle.between(ms('2026-10-01T00:00:00Z'), ms('2026-10-10T00:00:00Z'))).toBe(
      0.5 * HOUR + 1.25 * HOUR,
    );
  });

  it('resolves 24:00 into a midnight gap as the first instant of the next day (Santiago)', () => {
    // Chile springs forward at 24:00 on Saturday 2026-09-05 (-04:00) to 01:00 on Sunday (-03:00).
    const oracle = createOracle(
      onDates('America/Santiago', {
        '2026-09-05': [['22:00', '24:00']],
        '2026-09-06': [['00:00', '02:00']],
      }),
    );
    expect(oracle.nextOpening(ms('2026-09-05T00:00:00Z'))).toBe(ms('2026-09-06T02:00:00Z'));
    expect(oracle.isOpen(ms('2026-09-06T04:00:00Z'))).toBe(true);
    expect(oracle.isOpen(ms('2026-09-06T05:00:00Z'))).toBe(false);
    expect(oracle.between(ms('2026-09-05T00:00:00Z'), ms('2026-09-07T00:00:00Z'))).toBe(3 * HOUR);
  });

  it('closes holidays of the three kinds, 02-29 only in leap years', () => {
    const oracle = createOracle(nineToFive);
    expect(oracle.isOpen(ms('2026-12-25T15:00:00Z'))).toBe(false);
    expect(oracle.isOpen(ms('2027-01-04T15:00:00Z'))).toBe(false);
    expect(oracle.isOpen(ms('2027-01-05T15:00:00Z'))).toBe(false);
    expect(oracle.isOpen(ms('2027-01-06T15:00:00Z'))).toBe(true);
    expect(oracle.isOpen(ms('2028-02-29T15:00:00Z'))).toBe(false);
    expect(oracle.isOpen(ms('2028-02-28T15:00:00Z'))).toBe(true);
    expect(oracle.isOpen(ms('2028-03-01T15:00:00Z'))).toBe(true);
  });

  it('adds business time across a weekend and stops at a closing instant', () => {
    const oracle = createOracle(nineToFive);
    const friday4pm = ms('2026-01-09T21:00:00Z');
    expect(oracle.add(friday4pm, 4 * HOUR)).toBe(ms('2026-01-12T17:00:00Z'));
    expect(oracle.add(friday4pm, HOUR)).toBe(ms('2026-01-09T22:00:00Z'));
    expect(oracle.add(friday4pm, HOUR + 1)).toBe(ms('2026-01-12T14:00:00.001Z'));
    expect(oracle.add(ms('2026-01-09T21:59:30.250Z'), 29_750)).toBe(ms('2026-01-09T22:00:00Z'));
    expect(oracle.add(ms('2026-01-09T21:59:30.250Z'), 29_751)).toBe(ms('2026-01-12T14:00:00.001Z'));
    expect(oracle.add(ms('2026-01-10T12:00:00.123Z'), 0)).toBe(ms('2026-01-12T14:00:00Z'));
    expect(oracle.add(ms('2026-01-12T14:00:00.123Z'), 0)).toBe(ms('2026-01-12T14:00:00.123Z'));
    expect(oracle.between(ms('2026-01-09T21:00:00Z'), ms('2026-01-12T17:00:00Z'))).toBe(4 * HOUR);
    expect(oracle.between(ms('2026-01-12T17:00:00Z'), ms('2026-01-09T21:00:00Z'))).toBe(-4 * HOUR);
    expect(oracle.between(ms('2026-01-09T21:59:30.250Z'), ms('2026-01-12T14:00:00.500Z'))).toBe(30_250);
  });

  it('uses Kolkata’s fixed +05:30 offset', () => {
    const oracle = createOracle({ timezone: 'Asia/Kolkata', weekly: { mon: [['09:00', '17:00']] } });
    expect(oracle.nextOpening(ms('2026-01-03T00:00:00Z'))).toBe(ms('2026-01-05T03:30:00Z'));
    expect(oracle.isOpen(ms('2026-01-05T11:30:00Z'))).toBe(false);
  });

  it('returns null when the calendar never opens again', () => {
    const oracle = createOracle(onDates('Europe/Berlin', { '2025-06-02': [['09:00', '10:00']] }));
    expect(oracle.nextOpening(ms('2025-06-02T08:00:00Z'))).toBeNull();
    // 09:00–10:00 CEST is 07:00Z–08:00Z.
    expect(oracle.add(ms('2025-06-02T06:00:00Z'), HOUR)).toBe(ms('2025-06-02T08:00:00Z'));
    expect(oracle.add(ms('2025-06-02T07:30:00Z'), HOUR / 2)).toBe(ms('2025-06-02T08:00:00Z'));
    expect(oracle.add(ms('2025-06-02T07:30:00Z'), HOUR / 2 + 1)).toBeNull();
    expect(oracle.add(ms('2025-06-02T08:00:00Z'), 0)).toBeNull();
  });
});
