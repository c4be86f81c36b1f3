import { runInThisContext } from 'vm';

/**
 * Runs the tests of a describe block on a machine in another time zone, and restores the
 * zone afterwards. Node applies a change of `TZ` at run time, so `Date.parse` of a date
 * without an offset reads it in that zone: a reader that leans on that passes under TZ=UTC
 * only. Jest gives each test file a copy of `process.env`, which Node does not watch, so the
 * change goes to the real one (the `process` of the outer context).
 */
const realEnv = (runInThisContext('process') as NodeJS.Process).env;

export function useTimeZone(zone: string, minutesBehindUtc: number): void {
  let saved: string | undefined;
  beforeAll(() => {
    saved = realEnv.TZ;
    realEnv.TZ = zone;
    // The zone really is in force, or the tests below would prove nothing.
    expect(new Date(2025, 0, 1).getTimezoneOffset()).toBe(minutesBehindUtc);
  });
  afterAll(() => {
    if (saved === undefined) delete realEnv.TZ;
    else realEnv.TZ = saved;
  });
}

/** Zones on both sides of UTC, with their offsets (minutes behind UTC) on 1 January. */
export const NON_UTC_ZONES: [string, number][] = [
  ['Asia/Shanghai', -480],
  ['America/New_York', 300],
];
