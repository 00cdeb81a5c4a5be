// The type syntax of SPEC section 2 (`list<Item>`, `enum(a, b)`, `{ a: T, b?: U }`, `T?`) and
// its small recursive-descent parser. Names are resolved later, by checker/resolve-types.ts.
import type { Span } from '../ast.ts';
import type { RawDiagnostic } from '../diagnostics/diagnostic.ts';
import { report } from '../diagnostics/codes.ts';
import type { Locate } from './to-ast.ts';

export const PRIMITIVES = ['bool', 'int', 'decimal', 'money', 'string', 'timestamp', 'duration'] as const;
export type PrimitiveName = (typeof PRIMITIVES)[number];

/** A type as written, before named types are resolved. */
export type TypeExpr =
  | { kind: 'prim'; name: PrimitiveName; span: Span }
  | { kind: 'enum'; values: string[]; span: Span }
  | { kind: 'list'; element: TypeExpr; span: Span }
  | { kind: 'object'; fields: TypeField[]; span: Span }
  | { kind: 'name'; name: string; span: Span }
  | { kind: 'optional'; inner: TypeExpr; span: Span };

export interface TypeField {
  name: string;
  nameSpan: Span;
  /** Written `name?: T`. */
  optional: boolean;
  type: TypeExpr;
}

class TypeSyntaxError extends Error {
  constructor(readonly at: number, readonly len: number, message: string) { super(message); }
}

const IDENT = /[\p{L}_][\p{L}\p{N}_]*/uy;

/** Parses one type; returns undefined with one diagnostic when the text is not a type. */
export function parseTypeText(text: string, locate: Locate): { type?: TypeExpr; diagnostics: RawDiagnostic[] } {
  let pos = 0;
  const span = (a: number, b: number): Span => ({ start: locate(a), end: locate(Math.max(a, b), true) });
  const ws = () => { while (pos < text.length && /\s/.test(text[pos])) pos++; };
  const fail = (message: string, len = 1): never => { throw new TypeSyntaxError(pos, len, message); };
  const found = () => (pos >= text.length ? 'the end of the type' : `\`${text[pos]}\``);
  const expect = (ch: string) => { ws(); if (text[pos] !== ch) fail(`expected \`${ch}\`, found ${found()}`); pos++; };
  const ident = (): string | undefined => {
    ws();
    IDENT.lastIndex = pos;
    const m = IDENT.exec(text);
    if (!m) return undefined;
    pos += m[0].length;
    return m[0];
  };

  const enumValue = (): string => {
    ws();
    const quote = text[pos];
    if (quote === '"' || quote === "'") {
      const end = text.indexOf(quote, pos + 1);
      if (end < 0) fail('unterminated string in enum');
      const v = text.slice(pos + 1, end);
      pos = end + 1;
      return v;
    }
    const start = pos;
    while (pos < text.length && !/[,()<>{}?:\s]/.test(text[pos])) pos++;
    if (pos === start) fail(`expected an enum value, found ${found()}`);
    return text.slice(start, pos);
  };

  const type = (): TypeExpr => {
    ws();
    const start = pos;
    let t = base();
    for (;;) {
      ws();
      if (text[pos] !== '?') break;
      pos++;
      t = { kind: 'optional', inner: t, span: span(start, pos) };
    }
    return t;
  };

  const base = (): TypeExpr => {
    ws();
    const start = pos;
    if (text[pos] === '{') {
      pos++;
      const fields: TypeField[] = [];
      ws();
      while (text[pos] !== '}') {
        ws();
        const nameStart = pos;
        const name = ident() ?? fail(`expected a field name, found ${found()}`);
        const nameSpan = span(nameStart, nameStart + name.length);
        ws();
        const optional = text[pos] === '?';
        if (optional) pos++;
        expect(':');
        fields.push({ name, nameSpan, optional, type: type() });
        ws();
        if (text[pos] === ',') { pos++; ws(); continue; }
        if (text[pos] !== '}') fail(`expected \`,\` or \`}\`, found ${found()}`);
      }
      pos++;
      return { kind: 'object', fields, span: span(start, pos) };
    }
    const name = ident() ?? fail(`expected a type, found ${found()}`);
    if (name === 'list') {
      expect('<');
      const element = type();
      expect('>');
      return { kind: 'list', element, span: span(start, pos) };
    }
    if (name === 'enum') {
      expect('(');
      const values: string[] = [];
      do {
        const vStart = pos;
        const v = enumValue();
        if (values.includes(v)) { pos = vStart; ws(); fail(`enum value ${v} is listed twice`, v.length); }
        values.push(v);
        ws();
      } while (text[pos] === ',' && ++pos);
      expect(')');
      return { kind: 'enum', values, span: span(start, pos) };
    }
    if ((PRIMITIVES as readonly string[]).includes(name)) return { kind: 'prim', name: name as PrimitiveName, span: span(start, pos) };
    return { kind: 'name', name, span: span(start, pos) };
  };

  try {
    const t = type();
    ws();
    if (pos < text.length) fail(`unexpected ${found()} after the type`);
    return { type: t, diagnostics: [] };
  } catch (e) {
    if (!(e instanceof TypeSyntaxError)) throw e;
    const at = Math.min(e.at, Math.max(0, text.length - 1));
    const end = Math.min(text.length, at + e.len);
    return { diagnostics: [report('E1111', span(at, Math.max(end, at + (text.length > 0 ? 1 : 0))), e.message)] };
  }
}
