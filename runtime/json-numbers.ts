// JSON numbers that a double cannot carry exactly. JSON.parse (Node 20) gives no access to a
// number's source text, so `1234567890123456789.15` would silently become 1234567890123456800 and
// be billed or discounted as such (SPEC 2: decimal and money never go through binary floating
// point). This scanner finds such numbers in the text so the caller can refuse the input instead.
import { Decimal } from 'decimal.js';

/** A number token of a JSON text whose value changes when parsed as a double. */
export interface InexactNumber {
  /** The token as written, e.g. `1234567890123456789.15`. */
  text: string;
  /** Offset of the token in the JSON text. */
  offset: number;
}

const QUOTE = 34; // "
const BACKSLASH = 92; // \
const MINUS = 45; // -
const DOT = 46; // .
const ZERO = 48;
const NINE = 57;
const LOWER_E = 101;
const UPPER_E = 69;
const PLUS = 43;

/**
 * The numbers (outside strings) of a JSON text that a double does not carry exactly: the token's
 * decimal value differs from the value the parsed double stands for (its shortest round-trip text),
 * or is out of a double's range. One pass over the text; only tokens with more than 15 significant
 * digits or an exponent are compared exactly (up to 15 digits always round-trip). Meant for text
 * that JSON.parse accepted; on broken JSON it reports what it sees and never throws.
 *
 * @example
 * inexactNumbers('{"a": 1234567890123456789.15, "b": "9999999999999999999"}')
 * // → [{ text: '1234567890123456789.15', offset: 6 }]
 */
export function inexactNumbers(json: string, max = 10): InexactNumber[] {
  const found: InexactNumber[] = [];
  const n = json.length;
  let i = 0;
  while (i < n) {
    const ch = json.charCodeAt(i);
    if (ch === QUOTE) {
      // Skip the string, escapes included.
      i++;
      while (i < n) {
        const s = json.charCodeAt(i);
        if (s === BACKSLASH) i += 2;
        else if (s === QUOTE) break;
        else i++;
      }
      i++;
      continue;
    }
    if (ch !== MINUS && (ch < ZERO || ch > NINE)) {
      i++;
      continue;
    }
    const start = i;
    let significant = 0; // digits of the mantissa after its leading zeros
    let leading = true;
    let exponent = false;
    if (ch === MINUS) i++;
    for (; i < n; i++) {
      const d = json.charCodeAt(i);
      if (d >= ZERO && d <= NINE) {
        if (d !== ZERO) leading = false;
        if (!leading) significant++;
      } else if (d !== DOT) break;
    }
    const e = json.charCodeAt(i);
    if (e === LOWER_E || e === UPPER_E) {
      exponent = true;
      i++;
      const sign = json.charCodeAt(i);
      if (sign === PLUS || sign === MINUS) i++;
      while (i < n && json.charCodeAt(i) >= ZERO && json.charCodeAt(i) <= NINE) i++;
    }
    if (significant > 15 || exponent) {
      const text = json.slice(start, i);
      if (!roundTrips(text)) {
        found.push({ text, offset: start });
        if (found.length >= max) break;
      }
    }
  }
  return found;
}

/** True when the double parsed from `text` stands for exactly the decimal `text` writes. */
function roundTrips(text: string): boolean {
  const double = Number(text);
  if (!Number.isFinite(double)) return false;
  try {
    return new Decimal(text).eq(new Decimal(String(double)));
  } catch {
    return true; // not a number token (broken JSON): JSON.parse reports it, not this scanner
  }
}

/**
 * The error message for inexact numbers: names them, says decimals and money take them as strings
 * and that an int must be a safe integer (int refuses strings).
 * @example inexactNumbersMessage([{ text: '0.1e-400', offset: 3 }])
 */
export function inexactNumbersMessage(found: InexactNumber[]): string {
  const list = found.map((f) => f.text).join(', ');
  return `The number${found.length > 1 ? 's' : ''} ${list} cannot be read exactly as a JSON number (more digits or range than a double holds); a decimal or money field takes ${found.length > 1 ? 'them' : 'it'} as a string, e.g. "${found[0]?.text ?? ''}"; an int must lie within ±9007199254740991`;
}
