// ISO timestamps and durations, and the zone-aware calendar functions.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { durationFormat, durationParse, timeDate, timeFormat, timeHour, timeParse, timeWeekday } from './time.ts';

describe('time', () => {
  it('parses ISO 8601 with offsets', () => {
    expect(timeParse('2026-11-11T00:30:00+08:00')).toBe(Date.parse('2026-11-10T16:30:00Z'));
    expect(timeParse('2026-11-11T00:30:00.123Z')).toBe(Date.parse('2026-11-11T00:30:00.123Z'));
    expect(timeParse('2026-11-11T00:30:00.1239Z')).toBe(Date.parse('2026-11-11T00:30:00.123Z'));
    expect(timeParse('2026-11-11T00:30Z')).toBe(Date.parse('2026-11-11T00:30:00Z'));
    expect(timeParse('2026-11-11T00:30:00-0530')).toBe(Date.parse('2026-11-11T06:00:00Z'));
    expect(timeParse('0001-01-01T00:00:00Z')).toBe(Date.parse('0001-01-01T00:00:00Z'));
    for (const bad of ['2026-11-11T00:30:00', '2026-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '2026-11-11T24:00:00Z',
      '2026-11-11', 'yesterday', '', '2026-11-11T00:30:60Z', '2026-11-11T00:30:00+24:00']) {
      expect(timeParse(bad)).toBeNull();
    }
    expect(timeParse('2024-02-29T00:00:00Z')).toBe(Date.parse('2024-02-29T00:00:00Z'));
  });

  it('formats and round-trips every instant', () => {
    expect(timeFormat(Date.parse('2026-11-11T00:30:00Z'))).toBe('2026-11-11T00:30:00.000Z');
    fc.assert(fc.property(fc.integer({ min: -62135596800000, max: 253402300799999 }), (ms) => {
      expect(timeParse(timeFormat(ms))).toBe(ms);
    }));
    expect(() => timeFormat(1e17)).toThrowError(expect.objectContaining({ code: 'evaluation-error' }));
  });

  it('parses durations in both notations', () => {
    expect(durationParse('90s')).toBe(90000);
    expect(durationParse('15m')).toBe(900000);
    expect(durationParse('2h')).toBe(7200000);
    expect(durationParse('7d')).toBe(604800000);
    expect(durationParse('PT15M')).toBe(900000);
    expect(durationParse('P1D')).toBe(86400000);
    expect(durationParse('PT1H30M')).toBe(5400000);
    expect(durationParse('P1DT2H')).toBe(93600000);
    expect(durationParse('PT0.5S')).toBe(500);
    expect(durationParse('-PT15M')).toBe(-900000);
    expect(durationParse('pt15m')).toBe(900000);
    for (const bad of ['P', 'PT', 'P1DT', 'P1M', 'P1Y', '15', 'm', '1.5h', '', 'PT1H30']) expect(durationParse(bad)).toBeNull();
  });

  it('formats durations canonically and round-trips', () => {
    expect(durationFormat(900000)).toBe('PT15M');
    expect(durationFormat(5400000)).toBe('PT1H30M');
    expect(durationFormat(604800000)).toBe('P7D');
    expect(durationFormat(93600000)).toBe('P1DT2H');
    expect(durationFormat(500)).toBe('PT0.5S');
    expect(durationFormat(0)).toBe('PT0S');
    expect(durationFormat(-900000)).toBe('-PT15M');
    fc.assert(fc.property(fc.integer({ min: -1e13, max: 1e13 }), (ms) => {
      expect(durationParse(durationFormat(ms))).toBe(ms);
    }));
  });

  it('reads hour, weekday and date in a zone', () => {
    const t = timeParse('2026-11-11T00:30:00+08:00')!; // a Wednesday in Shanghai, Tuesday in UTC
    expect(timeHour(t, 'Asia/Shanghai')).toBe(0);
    expect(timeWeekday(t, 'Asia/Shanghai')).toBe(3);
    expect(timeDate(t, 'Asia/Shanghai')).toBe('2026-11-11');
    expect(timeHour(t, 'UTC')).toBe(16);
    expect(timeWeekday(t, 'UTC')).toBe(2);
    expect(timeDate(t, 'UTC')).toBe('2026-11-10');
    expect(timeHour(timeParse('2026-07-01T12:00:00Z')!, 'America/New_York')).toBe(8);
    expect(timeWeekday(timeParse('2026-11-15T23:59:59Z')!, 'UTC')).toBe(7);
    expect(() => timeHour(t, 'Mars/Olympus')).toThrowError(expect.objectContaining({ code: 'evaluation-error' }));
  });

  it('agrees with Intl for UTC and a zone on random instants', () => {
    fc.assert(fc.property(fc.integer({ min: 700000000000, max: 4102444800000 }), (ms) => {
      const d = new Date(ms);
      expect(timeHour(ms, 'UTC')).toBe(d.getUTCHours());
      expect(timeDate(ms, 'UTC')).toBe(d.toISOString().slice(0, 10));
      expect(timeWeekday(ms, 'UTC')).toBe(((d.getUTCDay() + 6) % 7) + 1);
      expect(timeDate(ms, 'Asia/Shanghai')).toBe(new Date(ms + 8 * 3600000).toISOString().slice(0, 10));
    }), { numRuns: 300 });
  });

  it('follows daylight saving time in a zone', () => {
    // New York: EST (UTC-5) in January, EDT (UTC-4) in July; the switch on 2026-03-08 at 02:00.
    expect(timeHour(timeParse('2026-01-15T12:00:00Z')!, 'America/New_York')).toBe(7);
    expect(timeHour(timeParse('2026-03-08T06:59:59Z')!, 'America/New_York')).toBe(1);
    expect(timeHour(timeParse('2026-03-08T07:00:00Z')!, 'America/New_York')).toBe(3);
    expect(timeDate(timeParse('2026-03-08T04:59:59Z')!, 'America/New_York')).toBe('2026-03-07');
  });

  it('the per-minute cache agrees with Intl in zones with odd offsets and DST', () => {
    const zones = ['America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Europe/London'];
    const hourIn = (ms: number, tz: string) => Number(new Intl.DateTimeFormat('en-US', { timeZone: tz, hour: 'numeric', hourCycle: 'h23' }).format(ms)) % 24;
    fc.assert(fc.property(fc.integer({ min: 315532800, max: 4102444800 }), fc.integer({ min: 0, max: 59999 }), fc.constantFrom(...zones), (sec, within, tz) => {
      const minuteStart = Math.floor((sec * 1000) / 60000) * 60000;
      timeHour(minuteStart, tz); // primes the cache for this minute
      expect(timeHour(minuteStart + within, tz)).toBe(hourIn(minuteStart + within, tz));
    }), { numRuns: 300 });
  });
});

