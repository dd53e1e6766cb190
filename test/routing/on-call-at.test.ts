import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  compilePolicy,
  evaluate,
  safeCompilePolicy,
  type Policy,
  type PolicyDocument,
  type ScheduleDefinition,
} from '../../src/index.js';
import { deepFreeze } from '../../src/internal/index.js';
import { onCallAt } from '../../src/routing/index.js';
import { MINIMAL } from '../support/policies.js';
import { thrown } from '../support/thrown.js';

const HOUR = 3_600_000;

/** The minimal policy with these schedules, each filling a role `<id>-role`. */
function documentWith(
  schedules: Readonly<Record<string, ScheduleDefinition>>,
  edit: (document: PolicyDocument) => PolicyDocument = (document) => document,
): PolicyDocument {
  const roles: Record<string, { schedule: string }> = {};
  for (const id of Object.keys(schedules)) roles[`${id}-role`] = { schedule: id };
  return deepFreeze(edit({ ...structuredClone(MINIMAL), roles: { ...MINIMAL.roles, ...roles }, schedules }));
}

function policyWith(schedules: Readonly<Record<string, ScheduleDefinition>>): Policy {
  return compilePolicy(documentWith(schedules));
}

/** `onCallAt` of one schedule of a policy with only that schedule. */
function scheduleOf(definition: ScheduleDefinition): (at: string | number | Date) => string[] {
  const policy = policyWith({ primary: definition });
  return (at) => onCallAt(policy, 'primary', at);
}

/** Epoch ms of an ISO string (test shorthand). */
const ms = (iso: string): number => Date.parse(iso);

describe('onCallAt', () => {
  describe('one layer', () => {
    // Daily turns from Monday 2026-01-05 09:00 in New York (EST, 14:00Z): ana, ben, chen.
    const daily = scheduleOf({
      timezone: 'America/New_York',
      layers: [{ start: '2026-01-05T09:00', turn: '1d', members: ['ana', 'ben', 'chen'] }],
    });

    it('rotates daily turns through the members in order, then starts again', () => {
      expect(daily('2026-01-05T14:00:00Z')).toEqual(['ana']);
      expect(daily('2026-01-05T23:00:00Z')).toEqual(['ana']);
      expect(daily('2026-01-06T14:00:00Z')).toEqual(['ben']);
      expect(daily('2026-01-07T14:00:00Z')).toEqual(['chen']);
      expect(daily('2026-01-08T14:00:00Z')).toEqual(['ana']);
      // Ten turns later: 10 % 3 = 1.
      expect(daily('2026-01-15T20:00:00Z')).toEqual(['ben']);
    });

    it('puts the new turn on call exactly at the handoff, and the old one a millisecond before', () => {
      expect(daily('2026-01-06T13:59:59.999Z')).toEqual(['ana']);
      expect(daily('2026-01-06T14:00:00.000Z')).toEqual(['ben']);
      expect(daily(ms('2026-01-07T14:00:00Z') - 1)).toEqual(['ben']);
      expect(daily(ms('2026-01-07T14:00:00Z'))).toEqual(['chen']);
    });

    it('has nobody on call before the first turn starts', () => {
      expect(daily('2026-01-05T13:59:59.999Z')).toEqual([]);
      expect(daily('2025-06-01T00:00:00Z')).toEqual([]);
    });

    it('hands exact 8-hour turns over every 8 hours from the start instant', () => {
      const shifts = scheduleOf({
        timezone: 'Europe/Berlin',
        layers: [{ start: '2026-01-01T06:00:00Z', turn: '8h', members: ['a', 'b', 'c'] }],
      });
      expect(shifts('2026-01-01T05:59:59.999Z')).toEqual([]);
      expect(shifts('2026-01-01T06:00:00Z')).toEqual(['a']);
      expect(shifts('2026-01-01T13:59:59.999Z')).toEqual(['a']);
      expect(shifts('2026-01-01T14:00:00Z')).toEqual(['b']);
      expect(shifts('2026-01-01T22:00:00Z')).toEqual(['c']);
      expect(shifts('2026-01-02T06:00:00Z')).toEqual(['a']);
      // 100 turns later: 100 % 3 = 1.
      expect(shifts(ms('2026-01-01T06:00:00Z') + 100 * 8 * HOUR)).toEqual(['b']);
    });

    it('keeps exact 12-hour turns 12 real hours long across DST, so their wall time moves', () => {
      // From Saturday 2026-03-07 08:00 EST (13:00Z): day, night, day... every 12 h.
      const twelve = scheduleOf({
        timezone: 'America/New_York',
        layers: [{ start: '2026-03-07T08:00', turn: '12h', members: ['day', 'night'] }],
      });
      expect(twelve('2026-03-07T13:00:00Z')).toEqual(['day']);
      expect(twelve('2026-03-08T01:00:00Z')).toEqual(['night']);
      // After the spring change the handoff at 13:00Z is 09:00 EDT, not 08:00.
      expect(twelve('2026-03-08T12:00:00Z')).toEqual(['night']); // 08:00 EDT
      expect(twelve('2026-03-08T12:59:59.999Z')).toEqual(['night']);
      expect(twelve('2026-03-08T13:00:00Z')).toEqual(['day']);
    });

    it('hands weekly turns over at the same local time each week', () => {
      const weekly = scheduleOf({
        timezone: 'America/New_York',
        layers: [{ start: '2026-01-05T09:00', turn: '1w', members: ['ana', 'ben'] }],
      });
      expect(weekly('2026-01-05T14:00:00Z')).toEqual(['ana']);
      expect(weekly('2026-01-11T23:00:00Z')).toEqual(['ana']);
      expect(weekly('2026-01-12T13:59:59.999Z')).toEqual(['ana']);
      expect(weekly('2026-01-12T14:00:00Z')).toEqual(['ben']);
      expect(weekly('2026-01-19T14:00:00Z')).toEqual(['ana']);
      // Across the spring change: Monday 2026-03-09 09:00 EDT is 13:00Z (week 9: ben).
      expect(weekly('2026-03-09T12:59:59.999Z')).toEqual(['ana']);
      expect(weekly('2026-03-09T13:00:00Z')).toEqual(['ben']);
    });

    it('counts two-week turns as 14 local days', () => {
      const fortnight = scheduleOf({
        timezone: 'Europe/Berlin',
        layers: [{ start: '2026-03-16T10:00', turn: '2w', members: ['ana', 'ben'] }],
      });
      // 2026-03-16 10:00 CET = 09:00Z; 2026-03-30 10:00 CEST = 08:00Z.
      expect(fortnight('2026-03-16T09:00:00Z')).toEqual(['ana']);
      expect(fortnight('2026-03-30T07:59:59.999Z')).toEqual(['ana']);
      expect(fortnight('2026-03-30T08:00:00Z')).toEqual(['ben']);
    });

    it('reads a start given as an instant with an offset, and keeps its local wall time', () => {
      // 2026-03-06T09:00-05:00 is 09:00 local; whole-day turns stay at 09:00 after the change.
      const daily = scheduleOf({
        timezone: 'America/New_York',
        layers: [{ start: '2026-03-06T14:00:00Z', turn: '1d', members: ['a', 'b', 'c'] }],
      });
      expect(daily('2026-03-06T13:59:59.999Z')).toEqual([]);
      expect(daily('2026-03-06T14:00:00Z')).toEqual(['a']);
      expect(daily('2026-03-08T12:59:59.999Z')).toEqual(['b']);
      expect(daily('2026-03-08T13:00:00Z')).toEqual(['c']);
    });
  });

  describe('whole-day turns across DST', () => {
    it('hand off at 09:00 local over the US spring change (2026-03-08, New York)', () => {
      const daily = scheduleOf({
        timezone: 'America/New_York',
        layers: [{ start: '2026-03-06T09:00', turn: '1d', members: ['a', 'b', 'c'] }],
      });
      expect(daily('2026-03-06T14:00:00Z')).toEqual(['a']); // Fri 09:00 EST
      expect(daily('2026-03-07T14:00:00Z')).toEqual(['b']); // Sat 09:00 EST
      // Sun 09:00 EDT is 13:00Z: b's turn lasted 23 real hours.
      expect(daily('2026-03-08T12:59:59.999Z')).toEqual(['b']);
      expect(daily('2026-03-08T13:00:00Z')).toEqual(['c']);
      expect(daily('2026-03-09T12:59:59.999Z')).toEqual(['c']);
      expect(daily('2026-03-09T13:00:00Z')).toEqual(['a']);
    });

    it('hand off at 09:00 local over the US fall change (2026-11-01, New York)', () => {
      const daily = scheduleOf({
        timezone: 'America/New_York',
        layers: [{ start: '2026-10-30T09:00', turn: '1d', members: ['a', 'b', 'c'] }],
      });
      expect(daily('2026-10-30T13:00:00Z')).toEqual(['a']); // Fri 09:00 EDT
      expect(daily('2026-10-31T13:00:00Z')).toEqual(['b']); // Sat 09:00 EDT
      // Sun 09:00 EST is 14:00Z: b's turn lasted 25 real hours.
      expect(daily('2026-11-01T13:00:00Z')).toEqual(['b']);
      expect(daily('2026-11-01T13:59:59.999Z')).toEqual(['b']);
      expect(daily('2026-11-01T14:00:00Z')).toEqual(['c']);
      expect(daily('2026-11-02T13:59:59.999Z')).toEqual(['c']);
      expect(daily('2026-11-02T14:00:00Z')).toEqual(['a']);
    });

    it('hand off at 09:00 local over the EU spring change (2026-03-29, Berlin)', () => {
      const daily = scheduleOf({
        timezone: 'Europe/Berlin',
        layers: [{ start: '2026-03-27T09:00', turn: '1d', members: ['a', 'b', 'c'] }],
      });
      expect(daily('2026-03-27T08:00:00Z')).toEqual(['a']); // 09:00 CET
      expect(daily('2026-03-28T08:00:00Z')).toEqual(['b']);
      // 09:00 CEST is 07:00Z.
      expect(daily('2026-03-29T06:59:59.999Z')).toEqual(['b']);
      expect(daily('2026-03-29T07:00:00Z')).toEqual(['c']);
      expect(daily('2026-03-30T07:00:00Z')).toEqual(['a']);
    });

    it('hand off at 09:00 local over the EU fall change (2026-10-25, Berlin)', () => {
      const daily = scheduleOf({
        timezone: 'Europe/Berlin',
        layers: [{ start: '2026-10-23T09:00', turn: '1d', members: ['a', 'b', 'c'] }],
      });
      expect(daily('2026-10-23T07:00:00Z')).toEqual(['a']); // 09:00 CEST
      expect(daily('2026-10-24T07:00:00Z')).toEqual(['b']);
      // 09:00 CET is 08:00Z.
      expect(daily('2026-10-25T07:59:59.999Z')).toEqual(['b']);
      expect(daily('2026-10-25T08:00:00Z')).toEqual(['c']);
    });

    it('move a handoff in the spring gap forward by the gap (02:30 → 03:30 EDT on 2026-03-08)', () => {
      const daily = scheduleOf({
        timezone: 'America/New_York',
        layers: [{ start: '2026-03-06T02:30', turn: '1d', members: ['a', 'b', 'c'] }],
      });
      expect(daily('2026-03-06T07:30:00Z')).toEqual(['a']); // 02:30 EST
      expect(daily('2026-03-07T07:30:00Z')).toEqual(['b']);
      // 02:30 does not exist on 2026-03-08: the handoff is at 03:30 EDT = 07:30Z.
      expect(daily('2026-03-08T07:29:59.999Z')).toEqual(['b']);
      expect(daily('2026-03-08T07:30:00Z')).toEqual(['c']);
      // The day after, 02:30 EDT = 06:30Z again.
      expect(daily('2026-03-09T06:29:59.999Z')).toEqual(['c']);
      expect(daily('2026-03-09T06:30:00Z')).toEqual(['a']);
    });

    it('start a layer whose first turn falls in the gap at the end of the gap', () => {
      const daily = scheduleOf({
        timezone: 'America/New_York',
        layers: [{ start: '2026-03-08T02:30', turn: '1d', members: ['a', 'b'] }],
      });
      expect(daily('2026-03-08T07:29:59.999Z')).toEqual([]);
      expect(daily('2026-03-08T07:30:00Z')).toEqual(['a']); // 03:30 EDT
      expect(daily('2026-03-09T06:30:00Z')).toEqual(['b']); // 02:30 EDT
    });

    it('take the earlier of a repeated wall time (01:30 on 2026-11-01 is 01:30 EDT)', () => {
      const daily = scheduleOf({
        timezone: 'America/New_York',
        layers: [{ start: '2026-10-30T01:30', turn: '1d', members: ['a', 'b', 'c'] }],
      });
      expect(daily('2026-10-31T05:30:00Z')).toEqual(['b']); // 01:30 EDT
      expect(daily('2026-11-01T05:29:59.999Z')).toEqual(['b']);
      expect(daily('2026-11-01T05:30:00Z')).toEqual(['c']); // the first 01:30 (EDT)
      expect(daily('2026-11-01T06:30:00Z')).toEqual(['c']); // the second 01:30 (EST)
      expect(daily('2026-11-02T06:29:59.999Z')).toEqual(['c']);
      expect(daily('2026-11-02T06:30:00Z')).toEqual(['a']); // 01:30 EST
    });
  });

  describe('layers', () => {
    it('lets a later layer win once it starts, and the earlier layer fill in before', () => {
      const both = scheduleOf({
        timezone: 'UTC',
        layers: [
          { start: '2026-01-01T00:00', turn: '1d', members: ['old-a', 'old-b'] },
          { start: '2026-02-01T00:00', turn: '1w', members: ['new-a', 'new-b'] },
        ],
      });
      expect(both('2026-01-30T12:00:00Z')).toEqual(['old-b']); // day 29
      expect(both('2026-01-31T23:59:59.999Z')).toEqual(['old-a']); // day 30
      expect(both('2026-02-01T00:00:00Z')).toEqual(['new-a']);
      expect(both('2026-02-08T00:00:00Z')).toEqual(['new-b']);
    });

    it('has nobody on call while the only layer has not started', () => {
      const later = scheduleOf({
        timezone: 'UTC',
        layers: [{ start: '2027-01-01T00:00', turn: '1d', members: ['a'] }],
      });
      expect(later('2026-12-31T23:59:59.999Z')).toEqual([]);
      expect(later('2027-01-01T00:00:00Z')).toEqual(['a']);
    });

    describe('with weekly restrictions', () => {
      // A weekly base rotation, and a daily business-hours layer on top: Mon–Fri 09:00–17:00
      // in New York. Both start Monday 2026-01-05 09:00 EST (14:00Z).
      const businessHours = scheduleOf({
        timezone: 'America/New_York',
        layers: [
          { start: '2026-01-05T09:00', turn: '1w', members: ['night-a', 'night-b'] },
          {
            start: '2026-01-05T09:00',
            turn: '1d',
            members: ['biz-1', 'biz-2'],
            restrictions: {
              mon: [['09:00', '17:00']],
              tue: [['09:00', '17:00']],
              wed: [['09:00', '17:00']],
              thu: [['09:00', '17:00']],
              fri: [['09:00', '17:00']],
            },
          },
        ],
      });

      it('lets the restricted layer win only inside its windows', () => {
        expect(businessHours('2026-01-05T14:00:00Z')).toEqual(['biz-1']); // Mon 09:00
        expect(businessHours('2026-01-05T21:59:59.999Z')).toEqual(['biz-1']); // Mon 16:59:59
        expect(businessHours('2026-01-05T22:00:00Z')).toEqual(['night-a']); // Mon 17:00
        expect(businessHours('2026-01-06T13:59:59.999Z')).toEqual(['night-a']); // Tue 08:59:59
        expect(businessHours('2026-01-06T15:00:00Z')).toEqual(['biz-2']); // Tue 10:00
        expect(businessHours('2026-01-10T15:00:00Z')).toEqual(['night-a']); // Saturday
      });

      it('keeps the restricted rotation turning outside its windows', () => {
        // Monday 2026-01-12 is day 7 of the daily layer (7 % 2 = 1) and week 1 of the base.
        expect(businessHours('2026-01-12T13:00:00Z')).toEqual(['night-a']); // 08:00, before the handoff
        expect(businessHours('2026-01-12T15:00:00Z')).toEqual(['biz-2']);
        expect(businessHours('2026-01-12T23:00:00Z')).toEqual(['night-b']);
      });

      it('opens the windows at 09:00 local after the spring change', () => {
        // Monday 2026-03-09: 09:00 EDT is 13:00Z; 17:00 EDT is 21:00Z.
        // The base hands week 8 (a) to week 9 (b) at 09:00 too, hidden by the business layer.
        expect(businessHours('2026-03-09T12:59:59.999Z')).toEqual(['night-a']);
        expect(businessHours('2026-03-09T13:00:00Z')).toEqual(['biz-2']); // day 63
        expect(businessHours('2026-03-09T20:59:59.999Z')).toEqual(['biz-2']);
        expect(businessHours('2026-03-09T21:00:00Z')).toEqual(['night-b']);
      });
    });
  });

  describe('overrides', () => {
    // Daily turns from Monday 2026-01-05 09:00 EST; Tuesday 2026-01-06 is ben's day.
    const withOverrides = scheduleOf({
      timezone: 'America/New_York',
      layers: [{ start: '2026-01-05T09:00', turn: '1d', members: ['ana', 'ben', 'chen'] }],
      overrides: [
        { from: '2026-01-06T12:00', to: '2026-01-06T18:00', members: ['sub'] },
        { from: '2026-01-06T16:00:00-05:00', to: '2026-01-06T20:00:00-05:00', members: ['late-1', 'late-2'] },
        { from: '2026-01-01T00:00', to: '2026-01-02T00:00', members: ['early'] },
      ],
    });

    it('win over the layers from their start to their (exclusive) end', () => {
      expect(withOverrides('2026-01-06T16:59:59.999Z')).toEqual(['ben']); // 11:59:59 EST
      expect(withOverrides('2026-01-06T17:00:00Z')).toEqual(['sub']); // 12:00 EST
      expect(withOverrides('2026-01-07T00:59:59.999Z')).toEqual(['late-1', 'late-2']); // 19:59:59
      expect(withOverrides('2026-01-07T01:00:00Z')).toEqual(['ben']); // 20:00 EST: ended
    });

    it('let the later-listed of two overlapping overrides win', () => {
      // 16:00–18:00 EST is covered by both: the second one listed wins, every member of it.
      expect(withOverrides('2026-01-06T20:59:59.999Z')).toEqual(['sub']);
      expect(withOverrides('2026-01-06T21:00:00Z')).toEqual(['late-1', 'late-2']);
      expect(withOverrides('2026-01-06T22:59:59.999Z')).toEqual(['late-1', 'late-2']);
      expect(withOverrides('2026-01-06T23:00:00Z')).toEqual(['late-1', 'late-2']);
    });

    it('apply before any layer has started', () => {
      expect(withOverrides('2025-12-31T23:59:59.999Z')).toEqual([]);
      expect(withOverrides('2026-01-01T05:00:00Z')).toEqual(['early']); // 00:00 EST
      expect(withOverrides('2026-01-02T05:00:00Z')).toEqual([]);
    });

    it('go by the order they are listed in, not by their start', () => {
      // The long override is listed last: it hides the short one inside it entirely.
      const nested = scheduleOf({
        timezone: 'UTC',
        layers: [{ start: '2026-01-01T00:00', turn: '1d', members: ['a'] }],
        overrides: [
          { from: '2026-01-06T14:00', to: '2026-01-06T15:00', members: ['short'] },
          { from: '2026-01-06T12:00', to: '2026-01-06T20:00', members: ['long'] },
        ],
      });
      expect(nested('2026-01-06T14:30:00Z')).toEqual(['long']);
      expect(nested('2026-01-06T20:00:00Z')).toEqual(['a']);
    });

    it('win over a restricted layer inside its windows', () => {
      const overridden = scheduleOf({
        timezone: 'UTC',
        layers: [
          { start: '2026-01-05T00:00', turn: '1w', members: ['base'] },
          {
            start: '2026-01-05T00:00',
            turn: '1d',
            members: ['biz'],
            restrictions: { tue: [['09:00', '17:00']] },
          },
        ],
        overrides: [{ from: '2026-01-06T10:00', to: '2026-01-06T11:00', members: ['cover'] }],
      });
      expect(overridden('2026-01-06T09:30:00Z')).toEqual(['biz']);
      expect(overridden('2026-01-06T10:30:00Z')).toEqual(['cover']);
      expect(overridden('2026-01-06T11:00:00Z')).toEqual(['biz']);
      expect(overridden('2026-01-06T17:00:00Z')).toEqual(['base']);
    });
  });

  describe('arguments and results', () => {
    const policy = policyWith({
      primary: {
        timezone: 'America/New_York',
        layers: [{ start: '2026-01-05T09:00', turn: '1d', members: ['ana', 'ben', 'chen'] }],
        overrides: [{ from: '2026-01-10T00:00', to: '2026-01-11T00:00', members: ['x', 'y'] }],
      },
      secondary: {
        timezone: 'UTC',
        layers: [{ start: '2026-01-01T00:00', turn: '1w', members: ['zed'] }],
      },
    });

    it('gives the same answer for an ISO string with any offset, a Date and epoch ms', () => {
      const forms = [
        '2026-01-06T09:00:00-05:00',
        '2026-01-06T14:00:00Z',
        '2026-01-06T15:00:00.000+01:00',
        new Date('2026-01-06T14:00:00Z'),
        Date.UTC(2026, 0, 6, 14),
      ];
      for (const at of forms) expect(onCallAt(policy, 'primary', at)).toEqual(['ben']);
      // Sub-millisecond epoch values round down to the millisecond.
      expect(onCallAt(policy, 'primary', Date.UTC(2026, 0, 6, 14) - 0.5)).toEqual(['ana']);
    });

    it('answers for the schedule asked about', () => {
      expect(onCallAt(policy, 'secondary', '2026-01-06T14:00:00Z')).toEqual(['zed']);
    });

    it('returns a new array every time, which the caller may change', () => {
      const first = onCallAt(policy, 'primary', '2026-01-10T12:00:00Z');
      const second = onCallAt(policy, 'primary', '2026-01-10T12:00:00Z');
      expect(first).toEqual(['x', 'y']);
      expect(first).not.toBe(second);
      first.push('intruder');
      first[0] = 'changed';
      expect(onCallAt(policy, 'primary', '2026-01-10T12:00:00Z')).toEqual(['x', 'y']);
      expect(policy.definition.schedules?.primary?.overrides?.[0]?.members).toEqual(['x', 'y']);
      expect(Object.isFrozen(first)).toBe(false);
    });

    it('throws a RangeError naming the function and the id for an unknown schedule, with a suggestion', () => {
      const error = thrown(() => onCallAt(policy, 'primray', '2026-01-06T14:00:00Z'));
      expect(error).toBeInstanceOf(RangeError);
      expect(error.message).toBe('onCallAt: unknown schedule `primray` (did you mean `primary`?)');
      expect(thrown(() => onCallAt(policy, 'payments', 0)).message).toBe(
        'onCallAt: unknown schedule `payments`',
      );
      // A role id is not a schedule id, and inherited names are not schedules either.
      expect(thrown(() => onCallAt(policy, 'primary-role', 0))).toBeInstanceOf(RangeError);
      expect(thrown(() => onCallAt(policy, '__proto__', 0))).toBeInstanceOf(RangeError);
      expect(thrown(() => onCallAt(policy, 'toString', 0))).toBeInstanceOf(RangeError);
    });

    it('throws a RangeError for any id when the policy has no schedules', () => {
      const error = thrown(() => onCallAt(compilePolicy(MINIMAL), 'primary', 0));
      expect(error).toBeInstanceOf(RangeError);
      expect(error.message).toBe('onCallAt: unknown schedule `primary`');
    });

    it('throws a TypeError for a schedule id that is not a string', () => {
      const error = thrown(() => onCallAt(policy, 42 as unknown as string, 0));
      expect(error).toBeInstanceOf(TypeError);
      expect(error.message).toBe('onCallAt: scheduleId must be a string');
    });

    it('throws a TypeError for a policy that did not come from compilePolicy', () => {
      for (const fake of [documentWith({}), policy.definition, { id: policy.id }, null, undefined]) {
        const error = thrown(() => onCallAt(fake as unknown as Policy, 'primary', 0));
        expect(error).toBeInstanceOf(TypeError);
        expect(error.message).toBe('onCallAt: expected a policy from compilePolicy');
      }
    });

    it('throws for an invalid instant, naming the function', () => {
      const range = [
        'not a date',
        '2026-01-06T09:00', // no offset: ambiguous
        '2026-02-30T09:00:00Z',
        Number.NaN,
        Number.POSITIVE_INFINITY,
        new Date('nope'),
        1e16, // after the year 9999
        Date.UTC(999, 11, 31),
      ];
      for (const at of range) {
        const error = thrown(() => onCallAt(policy, 'primary', at));
        expect(error, String(at)).toBeInstanceOf(RangeError);
        expect(error.message).toMatch(/^onCallAt: at /);
      }
      const wrongTypes: unknown[] = [null, undefined, {}, [], true];
      for (const at of wrongTypes) {
        const error = thrown(() => onCallAt(policy, 'primary', at as string));
        expect(error).toBeInstanceOf(TypeError);
        expect(error.message).toMatch(/^onCallAt: at /);
      }
    });

    it('checks the policy before the schedule id, and the schedule id before the instant', () => {
      expect(thrown(() => onCallAt({} as Policy, 'nope', 'bad')).message).toMatch(/expected a policy/);
      expect(thrown(() => onCallAt(policy, 'nope', 'bad')).message).toMatch(/unknown schedule/);
    });

    it('answers at the ends of the supported range', () => {
      expect(onCallAt(policy, 'primary', '1000-01-01T00:00:00Z')).toEqual([]);
      expect(onCallAt(policy, 'primary', '9999-12-31T23:59:59.999Z')).toHaveLength(1);
    });
  });

  describe('with evaluate', () => {
    /** A sev2 ticket of the minimal policy, created at `at`. */
    const ticket = (at: string): unknown => ({
      id: 'T-1',
      createdAt: at,
      subject: 'Question about invoices',
      status: 'open',
    });
    /** SLA clocks that change nothing for a year: only handoffs move nextEvaluationAt. */
    const quietClocks = (document: PolicyDocument): PolicyDocument => ({
      ...document,
      roles: { ...document.roles, 'support-agents': { schedule: 'primary' } },
      sla: {
        warnAt: [],
        targets: [{ id: 'default', calendar: 'always-on', metrics: { resolution: '9000h' } }],
      },
    });

    it('gives the owner role the people onCallAt gives, and wakes up at their handoff', () => {
      const policy = compilePolicy(
        documentWith(
          {
            primary: {
              timezone: 'America/New_York',
              layers: [{ start: '2026-03-06T09:00', turn: '1d', members: ['a', 'b', 'c'] }],
            },
          },
          quietClocks,
        ),
      );
      const now = '2026-03-07T20:00:00Z';
      const decision = evaluate(policy, ticket(now), { now });
      expect(decision.routing.owner.members).toEqual(onCallAt(policy, 'primary', now));
      expect(decision.routing.owner.members).toEqual(['b']);
      // The next turn starts Sunday 09:00 EDT (13:00Z), after the spring change.
      expect(decision.nextEvaluationAt).toBe('2026-03-08T13:00:00.000Z');
      // Queried after evaluate (which remembers the answer until the handoff) and before it.
      expect(onCallAt(policy, 'primary', '2026-03-08T12:59:59.999Z')).toEqual(['b']);
      expect(onCallAt(policy, 'primary', '2026-03-08T13:00:00Z')).toEqual(['c']);
      expect(onCallAt(policy, 'primary', '2026-03-07T19:59:59.999Z')).toEqual(['b']);
      expect(onCallAt(policy, 'primary', '2026-03-07T13:59:59.999Z')).toEqual(['a']);
    });

    it('lets ownership fall to the secondary when everyone on call is unavailable', () => {
      const policy = compilePolicy(
        documentWith(
          {
            primary: {
              timezone: 'UTC',
              layers: [{ start: '2026-01-01T00:00', turn: '1d', members: ['a', 'b'] }],
            },
          },
          quietClocks,
        ),
      );
      const now = '2026-01-01T12:00:00Z';
      const decision = evaluate(policy, ticket(now), { now, context: { unavailable: ['a'] } });
      expect(decision.routing.owner.role).toBe('support-leads');
      expect(onCallAt(policy, 'primary', now)).toEqual(['a']);
    });

    it('reports the start of an override after turns of a single member', () => {
      // 8-hour turns of one person: only the override (334 days on) changes who is on call.
      const policy = compilePolicy(
        documentWith(
          {
            primary: {
              timezone: 'UTC',
              layers: [{ start: '2026-01-01T00:00', turn: '8h', members: ['solo'] }],
              overrides: [{ from: '2026-12-01T00:00', to: '2026-12-02T00:00', members: ['cover'] }],
            },
          },
          quietClocks,
        ),
      );
      const now = '2026-01-01T00:00:00Z';
      expect(evaluate(policy, ticket(now), { now }).nextEvaluationAt).toBe('2026-12-01T00:00:00.000Z');
      expect(onCallAt(policy, 'primary', '2026-11-30T23:59:59.999Z')).toEqual(['solo']);
      expect(onCallAt(policy, 'primary', '2026-12-01T00:00:00Z')).toEqual(['cover']);
    });

    it('looks past the turns of a layer that a later layer hides', () => {
      // One-minute turns under a weekly layer: the weekly handoff is the next change.
      const policy = compilePolicy(
        documentWith(
          {
            primary: {
              timezone: 'UTC',
              layers: [
                { start: '2026-01-01T00:00', turn: '1m', members: ['x', 'y'] },
                { start: '2026-01-01T00:00', turn: '1w', members: ['a', 'b'] },
              ],
            },
          },
          quietClocks,
        ),
      );
      const now = '2026-01-01T00:00:00Z';
      expect(evaluate(policy, ticket(now), { now }).nextEvaluationAt).toBe('2026-01-08T00:00:00.000Z');
    });

    it('never reports a handoff later than the real one when the search runs out of steps', () => {
      // One-minute turns under a layer restricted to all of Monday–Friday (7,200 minutes).
      const allDay: [string, string][] = [['00:00', '24:00']];
      const policy = compilePolicy(
        documentWith(
          {
            primary: {
              timezone: 'UTC',
              layers: [
                { start: '2026-01-05T00:00', turn: '1m', members: ['x', 'y'] },
                {
                  start: '2026-01-05T00:00',
                  turn: '1w',
                  members: ['weekday'],
                  restrictions: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay },
                },
              ],
            },
          },
          quietClocks,
        ),
      );
      // Monday 2026-01-05 00:00; the real change is Saturday 00:00 (x or y takes over).
      let now = ms('2026-01-05T00:00:00Z');
      const change = ms('2026-01-10T00:00:00Z');
      for (let hops = 0; now < change; hops++) {
        expect(hops).toBeLessThan(20);
        const decision = evaluate(policy, ticket(new Date(now).toISOString()), { now });
        expect(decision.routing.owner.members).toEqual(['weekday']);
        const next =
          decision.nextEvaluationAt === null ? Number.POSITIVE_INFINITY : ms(decision.nextEvaluationAt);
        expect(next).toBeGreaterThan(now);
        expect(next).toBeLessThanOrEqual(change);
        expect(onCallAt(policy, 'primary', next - 1)).toEqual(['weekday']);
        now = next;
      }
      expect(onCallAt(policy, 'primary', change)).toEqual(['x']); // minute 7200 → x
    });
  });
});

describe('schedule compilation', () => {
  const layers = [{ start: '2026-01-01T00:00', turn: '1d', members: ['a'] }];

  it('refuses an override that ends before it starts, both in the same form', () => {
    const result = safeCompilePolicy(
      documentWith({
        primary: {
          timezone: 'America/New_York',
          layers,
          overrides: [{ from: '2026-03-10T12:00', to: '2026-03-10T09:00', members: ['z'] }],
        },
      }),
    );
    expect(result.success).toBe(false);
    if (!result.success) expect(result.issues.map((i) => i.code)).toContain('invalid_date_range');
  });

  // Regression: the end of an override was compared with its start only when both were in the
  // same form; a local start with an instant end (09:00 EDT = 13:00Z, then 12:00Z) passed and
  // the override silently never applied. The resolved instants are compared now.
  it('refuses an override whose instant end is before its local start', () => {
    const result = safeCompilePolicy(
      documentWith({
        primary: {
          timezone: 'America/New_York',
          layers,
          overrides: [{ from: '2026-03-10T09:00', to: '2026-03-10T12:00:00Z', members: ['z'] }],
        },
      }),
    );
    expect(result.success).toBe(false);
  });

  // Regression: two local times were compared as wall times, but a start in the spring gap
  // moves forward: 02:45 → 03:45 EDT, after an end of 03:15 EDT.
  it('refuses a local override whose start in the DST gap resolves after its end', () => {
    const result = safeCompilePolicy(
      documentWith({
        primary: {
          timezone: 'America/New_York',
          layers,
          overrides: [{ from: '2026-03-08T02:45', to: '2026-03-08T03:15', members: ['z'] }],
        },
      }),
    );
    expect(result.success).toBe(false);
  });

  it('accepts a 30-minute local override that a DST gap shortens but does not reverse', () => {
    const policy = policyWith({
      primary: {
        timezone: 'America/New_York',
        layers,
        overrides: [{ from: '2026-03-08T01:45', to: '2026-03-08T03:15', members: ['z'] }],
      },
    });
    // 01:45 EST = 06:45Z to 03:15 EDT = 07:15Z: 30 real minutes.
    expect(onCallAt(policy, 'primary', '2026-03-08T06:44:59.999Z')).toEqual(['a']);
    expect(onCallAt(policy, 'primary', '2026-03-08T06:45:00Z')).toEqual(['z']);
    expect(onCallAt(policy, 'primary', '2026-03-08T07:15:00Z')).toEqual(['a']);
  });
});

describe('docs/on-call.md', () => {
  const page = readFileSync(new URL('../../docs/on-call.md', import.meta.url), 'utf8');
  const blocks = [...page.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  const example = blocks[0] ?? '';
  /** The policy of the first example: the object literal given to compilePolicy. */
  const literal = /compilePolicy\((\{[\s\S]*?\n\})\);/.exec(example)?.[1] ?? '';
  const policy = compilePolicy(runInNewContext(`(${literal})`));

  it('compiles the example policy without warnings', () => {
    expect(policy.warnings).toEqual([]);
  });

  it('shows what onCallAt really returns', () => {
    const lines = [...example.matchAll(/^onCallAt\(policy, '([^']+)', '([^']+)'\); \/\/=> (\[[^\]]*\])/gm)];
    expect(lines.length).toBeGreaterThanOrEqual(9);
    for (const [line, id = '', at = '', expected = ''] of lines) {
      expect(onCallAt(policy, id, at), line).toEqual(JSON.parse(expected.replaceAll("'", '"')));
    }
    const message = /^\/\/ {3}(onCallAt: unknown schedule .*)$/m.exec(example)?.[1];
    expect(thrown(() => onCallAt(policy, 'payments-primry', '2026-03-09T13:00:00Z')).message).toBe(message);
  });

  it('shows what evaluate really decides with the example', () => {
    const snippet = blocks.find((block) => block.includes('evaluate(')) ?? '';
    const now = '2026-03-09T12:30:00Z';
    const ticket = { id: 'T-1', createdAt: now, subject: 'Card payments fail', status: 'open' };
    const decision = evaluate(policy, ticket, { now });
    expect(snippet).toContain(`decision.routing.owner.members; //=> ['ana@example.com']`);
    expect(decision.routing.owner.members).toEqual(['ana@example.com']);
    expect(snippet).toContain(`decision.nextEvaluationAt; //=> '2026-03-09T13:00:00.000Z'`);
    expect(decision.nextEvaluationAt).toBe('2026-03-09T13:00:00.000Z');
    expect(snippet).toContain(`//=> { role: 'payments-lead', members: ['grace@example.com'], … }`);
    const out = evaluate(policy, ticket, { now, context: { unavailable: ['ana@example.com'] } });
    expect(out.routing.owner).toMatchObject({ role: 'payments-lead', members: ['grace@example.com'] });
  });
});
