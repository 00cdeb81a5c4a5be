// Facade of the expression and type parsers: text in, AST (with file spans) and diagnostics out.
// Never throws. `locate` maps an offset inside `text` to an offset inside the rule file.
import type { IToken } from 'chevrotain';
import type { Expr, Span } from '../ast.ts';
import type { RawDiagnostic } from '../diagnostics/diagnostic.ts';
import { report } from '../diagnostics/codes.ts';
import { getLexer } from '../lexer/tokens.ts';
import { parseTokens } from './parser.ts';
import { AstBuilder, type Locate } from './to-ast.ts';
import { parseTypeText, type TypeExpr } from './type-syntax.ts';

export type { Locate } from './to-ast.ts';
export type { TypeExpr, TypeField } from './type-syntax.ts';

/** The identity mapping, for expressions that are a whole text of their own (tests, the REPL). */
export const identityLocate: Locate = (offset) => offset;

function lex(text: string, locate: Locate): { tokens: IToken[]; diagnostics: RawDiagnostic[] } {
  const result = getLexer().tokenize(text);
  const diagnostics: RawDiagnostic[] = [];
  const first = result.errors[0];
  if (first) {
    const at = first.offset;
    // The whole character, also when it is a surrogate pair (an emoji is one character, not two halves).
    const cp = text.codePointAt(at);
    const ch = cp === undefined ? undefined : String.fromCodePoint(cp);
    const span = { start: locate(at), end: locate(Math.min(text.length, at + (ch?.length ?? 1)), true) };
    diagnostics.push(ch === '"' || ch === "'" ? report('E1108', { start: span.start, end: locate(text.length, true) }) : report('E1101', span, ch ?? ''));
  }
  return { tokens: result.tokens, diagnostics };
}

function parseTokenList(tokens: IToken[], text: string, locate: Locate): { expr?: Expr; diagnostics: RawDiagnostic[] } {
  if (tokens.length === 0) return { diagnostics: [report('E1109', { start: locate(0), end: locate(text.length, true) })] };
  const { cst, errors } = parseTokens(tokens);
  if (errors.length > 0 || !cst) {
    const err = errors[0];
    const tok = err?.token;
    const last = tokens[tokens.length - 1];
    const at = tok && !Number.isNaN(tok.startOffset) ? tok.startOffset : last.startOffset + last.image.length;
    const len = tok && !Number.isNaN(tok.startOffset) ? tok.image.length : 0;
    const span = { start: locate(at), end: locate(Math.min(text.length, at + Math.max(len, 0)), true) };
    return { diagnostics: [report('E1102', span, err?.message ?? 'syntax error')] };
  }
  const builder = new AstBuilder(locate);
  const expr = builder.expression(cst);
  if (expr && exprDepth(expr) > MAX_EXPR_DEPTH) {
    // The checker and the emitter walk the tree recursively; a chain of 2,000 `+` is as deep as
    // 2,000 parentheses, so both are refused here, at the parse, with one clear message.
    return { diagnostics: [...builder.diagnostics, report('E1102', expr.span, `the expression is nested more than ${MAX_EXPR_DEPTH} levels deep; split it with \`let\``)] };
  }
  return { expr, diagnostics: builder.diagnostics };
}

/** The deepest an expression tree may be (operators, calls, macros, conditionals, list items). */
export const MAX_EXPR_DEPTH = 256;

/** The depth of an expression tree, walked without recursion (the tree may be very deep). */
function exprDepth(root: Expr): number {
  let max = 0;
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > max) max = depth;
    if (max > MAX_EXPR_DEPTH) return max;
    for (const [key, value] of Object.entries(node as object)) {
      if (key === 'span' || key.endsWith('Span') || key === 'type' || key === 'ref') continue;
      if (Array.isArray(value)) {
        for (const v of value) if (v && typeof v === 'object' && 'kind' in v) stack.push([v, depth + 1]);
      } else if (value && typeof value === 'object' && 'kind' in value) {
        stack.push([value, depth + 1]);
      }
    }
  }
  return max;
}

/**
 * Parse one expression (SPEC section 3). On a syntax error `expr` is undefined and
 * `diagnostics` holds one error at the offending token.
 */
export function parseExpression(text: string, locate: Locate = identityLocate): { expr?: Expr; diagnostics: RawDiagnostic[] } {
  try {
    const lexed = lex(text, locate);
    if (lexed.diagnostics.length > 0) return { diagnostics: lexed.diagnostics };
    const parsed = parseTokenList(lexed.tokens, text, locate);
    return parsed.diagnostics.some((d) => d.severity === 'error') ? { diagnostics: parsed.diagnostics } : parsed;
  } catch (e) {
    return { diagnostics: [report('E1102', { start: locate(0), end: locate(text.length, true) }, `cannot parse expression (${String(e)})`)] };
  }
}

/** Parse a type in the type syntax of SPEC section 2. */
export function parseType(text: string, locate: Locate = identityLocate): { type?: TypeExpr; diagnostics: RawDiagnostic[] } {
  try {
    return parseTypeText(text, locate);
  } catch (e) {
    return { diagnostics: [report('E1111', { start: locate(0), end: locate(text.length, true) }, String(e))] };
  }
}

/** Parse a Selection `orderBy` entry: an expression optionally followed by `asc` or `desc`. */
export function parseOrderKey(text: string, locate: Locate = identityLocate): { expr?: Expr; direction: 'asc' | 'desc'; diagnostics: RawDiagnostic[] } {
  try {
    const lexed = lex(text, locate);
    if (lexed.diagnostics.length > 0) return { direction: 'asc', diagnostics: lexed.diagnostics };
    const tokens = lexed.tokens;
    const last = tokens[tokens.length - 1];
    let direction: 'asc' | 'desc' = 'asc';
    if (tokens.length > 1 && last.tokenType.name === 'Identifier' && (last.image === 'asc' || last.image === 'desc')) {
      direction = last.image;
      tokens.pop();
    }
    const parsed = parseTokenList(tokens, text, locate);
    return parsed.diagnostics.some((d) => d.severity === 'error') ? { direction, diagnostics: parsed.diagnostics } : { ...parsed, direction };
  } catch (e) {
    return { direction: 'asc', diagnostics: [report('E1102', { start: locate(0), end: locate(text.length, true) }, String(e))] };
  }
}

/** Parse a Selection `from`: `<list expression> as <variable>`. */
export function parseFromClause(text: string, locate: Locate = identityLocate): { expr?: Expr; variable?: string; variableSpan?: Span; diagnostics: RawDiagnostic[] } {
  try {
    const lexed = lex(text, locate);
    if (lexed.diagnostics.length > 0) return { diagnostics: lexed.diagnostics };
    const tokens = lexed.tokens;
    const n = tokens.length;
    const as = tokens[n - 2];
    const v = tokens[n - 1];
    if (n < 3 || as.image !== 'as' || as.tokenType.name !== 'Identifier' || v.tokenType.name !== 'Identifier') {
      return { diagnostics: [report('E4006', { start: locate(0), end: locate(text.length, true) })] };
    }
    const parsed = parseTokenList(tokens.slice(0, n - 2), text, locate);
    if (parsed.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: parsed.diagnostics };
    const variableSpan = { start: locate(v.startOffset), end: locate(v.startOffset + v.image.length, true) };
    return { ...parsed, variable: v.image, variableSpan };
  } catch (e) {
    return { diagnostics: [report('E1102', { start: locate(0), end: locate(text.length, true) }, String(e))] };
  }
}
