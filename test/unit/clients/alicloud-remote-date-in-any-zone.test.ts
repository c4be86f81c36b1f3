import { parseRemoteDate } from '../../../provider/clients/alicloud/remote-date';
import { NON_UTC_ZONES, useTimeZone } from '../helpers/time-zone';

const iso = (text: string | undefined) => parseRemoteDate(text)?.toISOString();

describe.each([['UTC', 0], ...NON_UTC_ZONES])(
  'parseRemoteDate on a machine in %s',
  (zone, minutesBehindUtc) => {
    useTimeZone(zone, minutesBehindUtc);

    it('reads a date without an offset as UTC, with T or a space before the time', () => {
      expect(iso('2025-12-26T09:53:02')).toBe('2025-12-26T09:53:02.000Z');
      expect(iso('2025-12-26 09:53:02')).toBe('2025-12-26T09:53:02.000Z');
    });

    it('reads a time without seconds', () => {
      expect(iso('2025-12-26T09:53')).toBe('2025-12-26T09:53:00.000Z');
      expect(iso('2025-12-26 09:53')).toBe('2025-12-26T09:53:00.000Z');
      expect(iso('2025-12-26 09:53+08:00')).toBe('2025-12-26T01:53:00.000Z');
    });

    it('keeps the milliseconds of a fraction of any length and drops the rest', () => {
      expect(iso('2025-12-23T10:16:37.178097')).toBe('2025-12-23T10:16:37.178Z');
      expect(iso('2025-12-23 10:16:37.1789')).toBe('2025-12-23T10:16:37.178Z');
      expect(iso('2025-12-23T10:16:37.5')).toBe('2025-12-23T10:16:37.500Z');
      expect(iso('2025-12-23T10:16:37.05+08:00')).toBe('2025-12-23T02:16:37.050Z');
    });

    it('reads Z and offsets with or without a colon', () => {
      expect(iso('2025-12-26T09:53:02Z')).toBe('2025-12-26T09:53:02.000Z');
      expect(iso('2025-12-26T09:53:02+08:00')).toBe('2025-12-26T01:53:02.000Z');
      expect(iso('2025-12-26T09:53:02+0800')).toBe('2025-12-26T01:53:02.000Z');
      expect(iso('2025-12-26 09:53:02-05:00')).toBe('2025-12-26T14:53:02.000Z');
      expect(iso('2025-12-26T09:53:02-0530')).toBe('2025-12-26T15:23:02.000Z');
    });

    it('ignores white space around the date', () => {
      expect(iso(' 2025-12-26T09:53:02 ')).toBe('2025-12-26T09:53:02.000Z');
      expect(iso('\t2025-12-23T10:16:37.178097\n')).toBe('2025-12-23T10:16:37.178Z');
      expect(iso(' 2025-12-26T09:53:02Z ')).toBe('2025-12-26T09:53:02.000Z');
      expect(iso(' 2025-12-26T09:53:02+08:00 ')).toBe('2025-12-26T01:53:02.000Z');
      expect(iso(' 2025-12-26T09:53:02+0800 ')).toBe('2025-12-26T01:53:02.000Z');
      expect(iso(' 2025-12-26T09:53:02-05:30 ')).toBe('2025-12-26T15:23:02.000Z');
    });

    it('still reads a date in another standard shape, with its zone', () => {
      expect(iso('Fri, 26 Dec 2025 09:53:02 GMT')).toBe('2025-12-26T09:53:02.000Z');
    });

    it('gives nothing for text around a date, a cut offset, an impossible time or garbage', () => {
      expect(iso('x2025-12-26T09:53:02')).toBeUndefined();
      expect(iso('2025-12-26T09:53:02xyz')).toBeUndefined();
      expect(iso('2025-12-26T09:53:02 garbage')).toBeUndefined();
      expect(iso('2025-12-26T09:53:02+08')).toBeUndefined();
      expect(iso('2025-12-26T09:53:60')).toBeUndefined();
      expect(iso('2025-12-26T09:53:02+24:00')).toBeUndefined();
      expect(iso('yesterday')).toBeUndefined();
      expect(iso('')).toBeUndefined();
      expect(iso(undefined)).toBeUndefined();
    });
  },
);
