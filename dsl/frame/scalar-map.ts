// Maps an offset inside a YAML scalar's value to an offset in the file, for plain, single- and
// double-quoted (escapes, line folding) and block scalars. The mapping is rebuilt from the raw
// text and checked against the parsed value; when they disagree a linear mapping is used. In
// every case the result stays inside the scalar.
import { isScalar, type Scalar } from 'yaml';
import type { Locate } from '../parser/index.ts';

const DOUBLE_ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};

/** The expression text of a scalar: its string value, or its source text for numbers/booleans. */
export function scalarText(text: string, node: Scalar): string {
  if (typeof node.value === 'string') return node.value;
  const [start, end] = node.range ?? [0, 0];
  return text.slice(start, end);
}

/** Offsets of each value character (and one past the end) in the file. */
function buildMap(text: string, node: Scalar): { value: string; offsets: number[] } {
  const [start, end] = node.range ?? [0, 0];
  if (typeof node.value !== 'string') return { value: text.slice(start, end), offsets: linear(start, end - start) };
  const value = node.value;
  const type = node.type;
  if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') return { value, offsets: block(text, start, end, value) };
  const quoted = type === 'QUOTE_DOUBLE' ? 'double' : type === 'QUOTE_SINGLE' ? 'single' : 'none';
  const rebuilt = flow(text, start, end, quoted);
  if (rebuilt.value === value) return { value, offsets: rebuilt.offsets };
  const base = quoted === 'none' ? start : start + 1;
  return { value, offsets: linear(base, value.length).map((o) => Math.min(o, Math.max(start, end - 1))) };
}

function linear(base: number, length: number): number[] {
  return Array.from({ length: length + 1 }, (_, i) => base + i);
}

function flow(text: string, start: number, end: number, quoted: 'none' | 'single' | 'double'): { value: string; offsets: number[] } {
  let value = '';
  const offsets: number[] = [];
  const emit = (s: string, at: number) => { value += s; for (let k = 0; k < s.length; k++) offsets.push(at); };
  let i = quoted === 'none' ? start : start + 1;
  const stop = quoted === 'none' ? end : end - 1;
  while (i < stop) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      let j = i;
      let newlines = 0;
      while (j < stop && /[ \t\r\n]/.test(text[j])) { if (text[j] === '\n') newlines++; j++; }
      if (newlines === 0) { for (let k = i; k < j; k++) emit(text[k], k); }
      else if (newlines === 1) emit(' ', i);
      else emit('\n'.repeat(newlines - 1), i);
      i = j;
      continue;
    }
    if (quoted === 'single' && ch === "'" && text[i + 1] === "'") { emit("'", i); i += 2; continue; }
    if (quoted === 'double' && ch === '\\') {
      const next = text[i + 1];
      if (next === '\n' || next === '\r') {
        i += 2;
        while (i < stop && /[ \t\r\n]/.test(text[i])) i++;
        continue;
      }
      const hexLen = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
      if (hexLen > 0) {
        const code = parseInt(text.slice(i + 2, i + 2 + hexLen), 16);
        emit(Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '?', i);
        i += 2 + hexLen;
        continue;
      }
      emit(DOUBLE_ESCAPES[next] ?? next ?? '', i);
      i += 2;
      continue;
    }
    emit(ch, i);
    i++;
  }
  offsets.push(i);
  return { value, offsets };
}

/** Block scalars: align the value with the raw lines after the header, skipping indentation. */
function block(text: string, start: number, end: number, value: string): number[] {
  const headerEnd = text.indexOf('\n', start);
  let r = headerEnd < 0 || headerEnd >= end ? end : headerEnd + 1;
  const last = Math.max(start, end - 1);
  const offsets: number[] = [];
  for (const v of value) {
    for (let k = 0; k < v.length; k++) {
      while (r < end && !(text[r] === v[k] || ((v === ' ' || v === '\n') && text[r] === '\n'))) r++;
      offsets.push(Math.min(r, last));
      r++;
    }
  }
  offsets.push(Math.min(r, end));
  return offsets;
}

/**
 * A `Locate` for expressions read from `node`: maps an offset in `scalarText(node)` to the file.
 * With `isEnd`, an exclusive end offset maps to just after the previous character.
 */
export function scalarLocator(text: string, node: Scalar): Locate {
  const { offsets } = isScalar(node) ? buildMap(text, node) : { offsets: [0] };
  const n = offsets.length - 1;
  return (offset: number, isEnd?: boolean) => {
    const o = Math.max(0, Math.min(Math.floor(offset), n));
    if (isEnd && o > 0) return offsets[o - 1] + 1;
    return offsets[o];
  };
}
