// Templates (SPEC section 1): text taken as is, with each `${expr}` part an expression.
// The closing `}` is found outside string literals, since the expression grammar has no braces.
import type { Expr, Span, Template } from '../ast.ts';
import type { RawDiagnostic } from '../diagnostics/diagnostic.ts';
import { report } from '../diagnostics/codes.ts';
import { parseExpression, type Locate } from '../parser/index.ts';

function closingBrace(text: string, from: number): number {
  let quote = '';
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '}') return i;
  }
  return -1;
}

/** Split a template into text and parsed expressions. `span` is the whole template's span. */
export function parseTemplate(text: string, locate: Locate, span: Span): { template?: Template; diagnostics: RawDiagnostic[] } {
  const parts: (string | Expr)[] = [];
  const diagnostics: RawDiagnostic[] = [];
  let pos = 0;
  let literal = '';
  while (pos < text.length) {
    const open = text.indexOf('${', pos);
    if (open < 0) break;
    literal += text.slice(pos, open);
    const close = closingBrace(text, open + 2);
    if (close < 0) {
      diagnostics.push(report('E1011', { start: locate(open), end: locate(text.length, true) }, '`${` has no closing `}`'));
      return { diagnostics };
    }
    const inner = text.slice(open + 2, close);
    const base = open + 2;
    const parsed = parseExpression(inner, (o, isEnd) => locate(base + o, isEnd));
    diagnostics.push(...parsed.diagnostics);
    if (parsed.expr) {
      if (literal) parts.push(literal);
      literal = '';
      parts.push(parsed.expr);
    }
    pos = close + 1;
  }
  literal += text.slice(pos);
  if (literal) parts.push(literal);
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return { template: { span, parts }, diagnostics };
}
