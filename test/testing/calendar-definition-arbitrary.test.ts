import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../../src/index.js';
import { DST_TIME_ZONES, calendarDefinitionArbitrary } from '../../src/testing/index.js';

const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);

describe('calendarDefinitionArbitrary', () => {
  it('generates definitions that always compile without errors', () => {
    fc.assert(
      fc.property(calendarDefinitionArbitrary(), (def) => {
        const calendar = compileCalendar(def);
        expect(calendar.warnings.every((w) => w.severity === 'warning')).toBe(true);
      }),
      { numRuns: 200, ...(seed === undefined ? {} : { seed }) },
    );
  });

  it('draws only from the zones and years it is given', () => {
    fc.assert(
      fc.property(
        calendarDefinitionArbitrary({ timezones: ['Asia/Kathmandu'], years: [2030, 2030] }),
        (def) => {
          expect(def.timezone).toBe('Asia/Kathmandu');
          for (const e of def.exceptions ?? []) expect(e.date.startsWith('2030-')).toBe(true);
        },
      ),
      { numRuns: 50, ...(seed === undefined ? {} : { seed }) },
    );
  });

  it('lists zones with DST changes of every shape by default', () => {
    expect(DST_TIME_ZONES).toContain('Australia/Lord_Howe');
    expect(DST_TIME_ZONES).toContain('America/Santiago');
  });
});
