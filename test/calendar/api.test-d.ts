import { describe, expectTypeOf, it } from 'vitest';
import {
  addBusinessTime,
  businessTimeBetween,
  compileCalendar,
  isOpen,
  nextOpening,
  parseDuration,
  type Calendar,
  type CalendarDefinition,
  type Instant,
  type Issue,
} from '../../src/index.js';

describe('business-time signatures', () => {
  it('take a calendar and instants, and return dates, numbers or booleans', () => {
    expectTypeOf(addBusinessTime).parameters.toEqualTypeOf<[Calendar, Instant, number]>();
    expectTypeOf(addBusinessTime).returns.toEqualTypeOf<Date | null>();
    expectTypeOf(nextOpening).returns.toEqualTypeOf<Date | null>();
    expectTypeOf(businessTimeBetween).returns.toEqualTypeOf<number>();
    expectTypeOf(isOpen).returns.toEqualTypeOf<boolean>();
    expectTypeOf(parseDuration).parameters.toEqualTypeOf<[string]>();
    expectTypeOf<Instant>().toEqualTypeOf<string | Date | number>();
  });

  it('exposes a readonly calendar with its warnings', () => {
    expectTypeOf(compileCalendar).returns.toEqualTypeOf<Calendar>();
    expectTypeOf<Calendar['warnings']>().toEqualTypeOf<readonly Issue[]>();
    expectTypeOf<Calendar>().toHaveProperty('timezone').toEqualTypeOf<string>();
  });

  it('accepts every documented calendar shape and rejects others', () => {
    expectTypeOf({
      timezone: 'America/New_York',
      weekly: {
        mon: [['09:00', '17:00']],
        tue: [
          ['09:00', '12:00'],
          ['13:00', '17:00'],
        ],
        sat: [],
      },
      holidays: [
        { date: '2026-12-25', name: 'Christmas Day' },
        { from: '2026-12-24', to: '2026-12-31' },
        { annual: '12-25' },
      ],
      exceptions: [{ date: '2026-12-24', hours: [['09:00', '13:00']] }],
    } as const).toExtend<CalendarDefinition>();
    expectTypeOf({ timezone: 'UTC', weekly: '24x7' } as const).toExtend<CalendarDefinition>();
    expectTypeOf({ timezone: 'UTC', weekly: 'always' } as const).not.toExtend<CalendarDefinition>();
    expectTypeOf({ weekly: '24x7' } as const).not.toExtend<CalendarDefinition>();
  });
});
