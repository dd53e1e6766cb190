import { afterEach, describe, expect, it } from 'vitest';
import { decisionDigest } from './decision-digest.js';

// The same answers whatever the host's time zone: Node applies a change of `process.env.TZ`
// at once, so the digest of a small workload is compared across zones in one process. The
// full matrix (seven zones and locales, in separate processes, since the default locale is
// fixed at start) is scripts/test-tz.sh; Node against headless Chromium is
// test/runtime/chromium.test.ts.

const original = process.env.TZ;
afterEach(() => {
  if (original === undefined) delete process.env.TZ;
  else process.env.TZ = original;
});

describe('decisions do not depend on the host time zone', () => {
  it('gives the same digest under UTC, Pacific/Chatham and America/St_Johns', () => {
    const digests = ['UTC', 'Pacific/Chatham', 'America/St_Johns'].map((zone) => {
      process.env.TZ = zone;
      expect(new Date(0).getTimezoneOffset()).toBe(
        { UTC: 0, 'Pacific/Chatham': -765, 'America/St_Johns': 210 }[zone],
      );
      return decisionDigest(20);
    });
    expect(new Set(digests).size).toBe(1);
  }, 30_000);
});
