// A forgiving tokenizer for DSL expressions (SPEC section 3), used only to colour them in the
// editor. The real lexer is on the server; this one must never throw on half-typed text.

export type DslTokenType = 'keyword' | 'function' | 'macro' | 'number' | 'string' | 'operator' | 'name' | 'type' | 'constant';

/** A coloured stretch of an expression, offsets relative to the expression text. */
export interface DslToken {
  from: number;
  to: number;
  type: DslTokenType;
}

/** Keywords of the expression language. */
export const dslKeywords = ['and', 'or', 'not', 'in', 'if', 'then', 'else', 'mod', 'as', 'asc', 'desc'];
/** Literal constants. */
export const dslConstants = ['true', 'false', 'null', 'now', 'subtotal'];
/** Top-level functions with their signatures, for completion. */
export const dslFunctions: Record<string, string> = {
  round: 'round(x, digits?, mode?)',
  floor: 'floor(x)',
  ceil: 'ceil(x)',
  abs: 'abs(x)',
  min: 'min(a, b, ...)',
  max: 'max(a, b, ...)',
  hour: 'hour(t) 0-23',
  weekday: 'weekday(t) 1 (Mon)-7',
  date: 'date(t) "YYYY-MM-DD"',
  timestamp: 'timestamp("2026-11-11T00:00:00+08:00")',
};
/** List macros and methods: `xs.filter(x, pred)` and friends. */
export const dslListMethods: Record<string, string> = {
  filter: 'filter(x, pred)',
  map: 'map(x, expr)',
  any: 'any(x, pred)',
  all: 'all(x, pred)',
  count: 'count(x, pred)',
  sum: 'sum(x, expr)',
  min: 'min(x, expr)',
  max: 'max(x, expr)',
  first: 'first(x, pred)',
  size: 'size()',
};
/** String methods. */
export const dslStringMethods: Record<string, string> = {
  size: 'size()',
  lower: 'lower()',
  upper: 'upper()',
  startsWith: 'startsWith(p)',
  endsWith: 'endsWith(p)',
  contains: 'contains(p)',
};
const typeNames = new Set(['bool', 'int', 'decimal', 'money', 'string', 'timestamp', 'duration', 'list', 'enum']);

const patterns: [RegExp, DslTokenType | null][] = [
  [/^\s+/, null],
  [/^(?:"(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?)/, 'string'],
  [/^\d+(?:\.\d+)?(?:%|s\b|m\b|h\b|d\b)?/, 'number'],
  [/^(?:==|!=|<=|>=|&&|\|\||\?\?|[-+*/<>!?:=])/, 'operator'],
  [/^[\p{L}_][\p{L}\p{N}_]*/u, 'name'],
  [/^./u, null],
];

/**
 * Splits an expression into coloured tokens. A name is a `function` when it is called, a `macro`
 * when it follows a dot and is called, a `type` inside a params declaration's type part.
 */
export function tokenizeExpression(text: string): DslToken[] {
  const tokens: DslToken[] = [];
  let pos = 0;
  while (pos < text.length) {
    const rest = text.slice(pos);
    for (const [pattern, type] of patterns) {
      const match = pattern.exec(rest);
      if (!match) continue;
      const length = match[0].length;
      if (type) tokens.push({ from: pos, to: pos + length, type: classify(type, match[0], text, pos, length) });
      pos += length;
      break;
    }
  }
  return tokens;
}

function classify(type: DslTokenType, word: string, text: string, pos: number, length: number): DslTokenType {
  if (type !== 'name') return type;
  if (dslKeywords.includes(word)) return 'keyword';
  if (dslConstants.includes(word)) return 'constant';
  const before = text.slice(0, pos).trimEnd();
  const called = /^\s*\(/.test(text.slice(pos + length));
  if (before.endsWith('.')) return called ? 'macro' : 'name';
  if (called && word in dslFunctions) return 'function';
  if (typeNames.has(word) && /^\s*[<>(=?,]|^\s*$/.test(text.slice(pos + length)) && !/[.\w]$/.test(before)) return 'type';
  return 'name';
}

/** The `${...}` parts of a template string (SPEC section 1), as [from, to) of the inner expression. */
export function templateParts(text: string): [number, number][] {
  const parts: [number, number][] = [];
  const pattern = /\$\{([^}]*)\}?/g;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) parts.push([m.index + 2, m.index + 2 + m[1]!.length]);
  return parts;
}
