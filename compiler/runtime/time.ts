// Timestamps (epoch milliseconds) and durations (milliseconds): ISO 8601 parsing and
// formatting, and the calendar functions hour()/weekday()/date() in a document's time zone.
// Pure ECMAScript: civil-date arithmetic by hand, Intl.DateTimeFormat (cached per zone) for zones.
import { rtEvalError } from './errors.ts';

const TIME_RE = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)$/;
const TIME_DAY = 86400000;
/** Largest instant that `Date` can represent (±100,000,000 days). */
const TIME_LIMIT = 8.64e15;

/** Days since 1970-01-01 of a proleptic Gregorian civil date (Howard Hinnant's algorithm). */
function timeDaysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function timeDaysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * Parses an ISO 8601 / RFC 3339 date-time with `Z` or an offset (`+08:00`, `+0800`, `+08`) into
 * epoch milliseconds; fractions beyond milliseconds are truncated. Null when invalid
 * (no zone, impossible date such as 2026-02-30, hour 24, leap second).
 */
export function timeParse(iso: string): number | null {
  if (typeof iso !== 'string' || iso.length > 64) return null;
  const m = TIME_RE.exec(iso);
  if (m === null) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const h = Number(m[4]);
  const mi = Number(m[5]);
  const s = m[6] === undefined ? 0 : Number(m[6]);
  if (mo < 1 || mo > 12 || d < 1 || d > timeDaysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return null;
  const ms = m[7] === undefined ? 0 : Number((m[7] + '00').slice(0, 3));
  let offset = 0;
  const z = m[8];
  if (z !== 'Z' && z !== 'z') {
    const digits = z.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) return null;
    offset = (oh * 60 + om) * 60000 * (z[0] === '-' ? -1 : 1);
  }
  return timeDaysFromCivil(y, mo, d) * TIME_DAY + ((h * 60 + mi) * 60 + s) * 1000 + ms - offset;
}

/** ISO 8601 UTC text with milliseconds: `2026-11-11T00:30:00.000Z`. Out of range is an evaluation error. */
export function timeFormat(ms: number): string {
  if (!Number.isFinite(ms) || Math.abs(ms) > TIME_LIMIT) return rtEvalError(`timestamp out of range: ${ms}`);
  return new Date(ms).toISOString();
}

const DURATION_SHORT_RE = /^(-?)(\d+)(ms|s|m|h|d|w)$/;
const DURATION_ISO_RE = /^([+-]?)P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:[.,](\d{1,3}))?S)?)?$/;
const DURATION_UNIT: Record<string, number> = { ms: 1, s: 1000, m: 60000, h: 3600000, d: TIME_DAY, w: 7 * TIME_DAY };

/**
 * Parses a duration into milliseconds: `90s`, `15m`, `2h`, `7d` (also `500ms`, `2w`, a leading
 * `-`) or ISO 8601 `PT15M`, `P1D`, `PT1H30M`, `P1DT2H`, `PT0.5S`, `P2W`. Years and months are
 * refused (their length varies); a day is 24 hours. Null when invalid or beyond ±2^53-1 ms.
 */
export function durationParse(text: string): number | null {
  if (typeof text !== 'string' || text.length > 64) return null;
  let v: number;
  let neg: boolean;
  const s = DURATION_SHORT_RE.exec(text);
  if (s !== null) {
    neg = s[1] === '-';
    v = Number(s[2]) * DURATION_UNIT[s[3]];
  } else {
    const u = text.toUpperCase();
    const m = DURATION_ISO_RE.exec(u);
    if (m === null || u.endsWith('T')) return null;
    if (m[2] === undefined && m[3] === undefined && m[4] === undefined && m[5] === undefined && m[6] === undefined) return null;
    neg = m[1] === '-';
    const n = (i: number) => (m[i] === undefined ? 0 : Number(m[i]));
    v = n(2) * 7 * TIME_DAY + n(3) * TIME_DAY + n(4) * 3600000 + n(5) * 60000 + n(6) * 1000
      + (m[7] === undefined ? 0 : Number((m[7] + '00').slice(0, 3)));
  }
  if (!Number.isSafeInteger(v)) return null;
  return neg && v !== 0 ? -v : v;
}

/**
 * Canonical ISO 8601 text of a duration: days, hours, minutes, seconds with only the non-zero
 * parts (`PT15M`, `PT1H30M`, `P7D`, `P1DT2H`, `PT0.5S`), zero is `PT0S`, negative gets a
 * leading `-` (`-PT15M`). A day is exactly 24 hours.
 */
export function durationFormat(ms: number): string {
  if (!Number.isSafeInteger(ms)) return rtEvalError(`duration out of range: ${ms}`);
  if (ms === 0) return 'PT0S';
  const neg = ms < 0;
  let r = neg ? -ms : ms;
  const days = Math.floor(r / TIME_DAY);
  r -= days * TIME_DAY;
  const hours = Math.floor(r / 3600000);
  r -= hours * 3600000;
  const minutes = Math.floor(r / 60000);
  r -= minutes * 60000;
  const seconds = Math.floor(r / 1000);
  const millis = r - seconds * 1000;
  let out = neg ? '-P' : 'P';
  if (days > 0) out += days + 'D';
  if (hours > 0 || minutes > 0 || seconds > 0 || millis > 0) {
    out += 'T';
    if (hours > 0) out += hours + 'H';
    if (minutes > 0) out += minutes + 'M';
    if (seconds > 0 || millis > 0) {
      out += seconds;
      if (millis > 0) out += '.' + String(millis).padStart(3, '0').replace(/0+$/, '');
      out += 'S';
    }
  }
  return out;
}

/** One cached formatter per IANA zone (creating one costs far more than using it). */
const TIME_FORMATTERS = new Map<string, Intl.DateTimeFormat>();

/**
 * The last answer per zone, by UTC minute. Since 1980 every zone's offset is a whole number of
 * minutes and changes on a minute boundary, so all instants of one UTC minute share their civil
 * hour and date: repeated calls with the same clock (the usual case) skip Intl entirely.
 */
const TIME_LAST = new Map<string, { minute: number; civil: [number, number, number, number, number] }>();
const TIME_CACHE_FROM = 315532800000; // 1980-01-01T00:00:00Z

/** The civil fields of an instant in a zone: [year, month, day, hour, weekday 1-7]. */
function timeCivil(ms: number, tz: string): [number, number, number, number, number] {
  if (!Number.isFinite(ms) || Math.abs(ms) > TIME_LIMIT) return rtEvalError(`timestamp out of range: ${ms}`);
  if (tz === 'UTC' || tz === 'Etc/UTC' || tz === 'Z') return timeCivilUtc(ms);
  const minute = Math.floor(ms / 60000);
  const last = TIME_LAST.get(tz);
  if (last !== undefined && last.minute === minute) return last.civil;
  const civil = timeCivilZone(ms, tz);
  if (ms >= TIME_CACHE_FROM) TIME_LAST.set(tz, { minute, civil });
  return civil;
}

function timeCivilZone(ms: number, tz: string): [number, number, number, number, number] {
  let f = TIME_FORMATTERS.get(tz);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric',
        minute: 'numeric', second: 'numeric', era: 'short',
      });
    } catch {
      return rtEvalError(`unknown time zone: ${tz}`);
    }
    TIME_FORMATTERS.set(tz, f);
  }
  let y = 0, mo = 0, d = 0, h = 0, bc = false;
  for (const p of f.formatToParts(ms)) {
    switch (p.type) {
      case 'year': y = Number(p.value); break;
      case 'month': mo = Number(p.value); break;
      case 'day': d = Number(p.value); break;
      case 'hour': h = Number(p.value) % 24; break;
      case 'era': bc = p.value === 'BC' || p.value === 'B'; break;
    }
  }
  if (bc) y = 1 - y;
  const days = timeDaysFromCivil(y, mo, d);
  return [y, mo, d, h, timeWeekdayOfDays(days)];
}

function timeWeekdayOfDays(days: number): number {
  // 1970-01-01 was a Thursday (4).
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

function timeCivilUtc(ms: number): [number, number, number, number, number] {
  const days = Math.floor(ms / TIME_DAY);
  const h = Math.floor((ms - days * TIME_DAY) / 3600000);
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return [y, m, d, h, timeWeekdayOfDays(days)];
}

/** The hour 0-23 of an instant in the zone. */
export function timeHour(ms: number, tz: string): number {
  return timeCivil(ms, tz)[3];
}

/** The weekday of an instant in the zone: 1 Monday .. 7 Sunday (ISO 8601). */
export function timeWeekday(ms: number, tz: string): number {
  return timeCivil(ms, tz)[4];
}

/** The calendar date of an instant in the zone, `YYYY-MM-DD`. */
export function timeDate(ms: number, tz: string): string {
  const c = timeCivil(ms, tz);
  const y = c[0];
  const ys = y >= 0 && y <= 9999 ? String(y).padStart(4, '0') : (y < 0 ? '-' : '+') + String(Math.abs(y)).padStart(6, '0');
  return ys + '-' + String(c[1]).padStart(2, '0') + '-' + String(c[2]).padStart(2, '0');
}
