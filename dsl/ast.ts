// The expression AST: what the parser produces, the checker annotates and the compiler reads.
// Every node carries a source span in absolute offsets of the YAML file it came from.
import type { Type } from './types/type.ts';

/** Half-open range [start, end) of UTF-16 offsets into the rule file's full text. */
export interface Span {
  start: number;
  end: number;
}

/** Fields every node has. `type` is filled in by the checker (dsl/checker); absent before. */
interface NodeBase {
  span: Span;
  type?: Type;
}

/** What an identifier refers to, filled in by the checker's name resolution. */
export type IdentRef =
  | 'input'    // a top-level field of the document's input
  | 'param'    // a merchant-tunable param
  | 'let'      // a `let` binding
  | 'var'      // a macro variable (filter/map/... element) or a Selection's `from ... as p`
  | 'now'      // the evaluation clock
  | 'subtotal'; // predefined in every Promotion

export type Expr =
  | NumberLit
  | PercentLit
  | StringLit
  | BoolLit
  | NullLit
  | DurationLit
  | TimestampLit
  | ListLit
  | Ident
  | Member
  | Index
  | Call
  | MethodCall
  | Macro
  | Unary
  | Binary
  | Conditional;

/** `12`, `12.50`. `text` is the exact source digits (never parsed to a float). */
export interface NumberLit extends NodeBase { kind: 'number'; text: string; isInteger: boolean }
/** `15%`: `text` is the digits before `%` ("15"); its value is text / 100 as a decimal. */
export interface PercentLit extends NodeBase { kind: 'percent'; text: string }
/** A string literal with escapes already decoded. */
export interface StringLit extends NodeBase { kind: 'string'; value: string }
export interface BoolLit extends NodeBase { kind: 'bool'; value: boolean }
export interface NullLit extends NodeBase { kind: 'null' }
/** `30s`, `15m`, `2h`, `7d`: `ms` is the length in milliseconds. */
export interface DurationLit extends NodeBase { kind: 'duration'; text: string; ms: number }
/** `timestamp("2026-11-11T00:00:00+08:00")`: `ms` is epoch milliseconds. */
export interface TimestampLit extends NodeBase { kind: 'timestamp'; text: string; ms: number }
export interface ListLit extends NodeBase { kind: 'list'; items: Expr[] }
export interface Ident extends NodeBase { kind: 'ident'; name: string; ref?: IdentRef }
/** `object.field` */
export interface Member extends NodeBase { kind: 'member'; object: Expr; name: string; nameSpan: Span }
/** `list[index]` (null when out of range, so typed `T?`). */
export interface Index extends NodeBase { kind: 'index'; object: Expr; index: Expr }
/** A global function: round, floor, ceil, abs, min, max, hour, weekday, date, timestamp. */
export interface Call extends NodeBase { kind: 'call'; callee: string; calleeSpan: Span; args: Expr[] }
/** A method without a bound variable: `xs.size()`, `s.lower()`, `s.startsWith(p)`. */
export interface MethodCall extends NodeBase { kind: 'method'; object: Expr; name: string; nameSpan: Span; args: Expr[] }
/** A list macro with a bound variable: `xs.filter(x, pred)` and map/any/all/count/sum/min/max/first. */
export interface Macro extends NodeBase {
  kind: 'macro';
  object: Expr;
  name: 'filter' | 'map' | 'any' | 'all' | 'count' | 'sum' | 'min' | 'max' | 'first';
  nameSpan: Span;
  variable: string;
  variableSpan: Span;
  body: Expr;
}
export interface Unary extends NodeBase { kind: 'unary'; op: '-' | 'not'; operand: Expr; opSpan: Span }
/** Binary operators. `and`/`&&` are both 'and', `or`/`||` both 'or', `not in` is 'notin'. */
export interface Binary extends NodeBase {
  kind: 'binary';
  op: '+' | '-' | '*' | '/' | 'mod' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'notin' | 'and' | 'or' | '??';
  left: Expr;
  right: Expr;
  opSpan: Span;
}
/** `c ? a : b` and `if c then a else b`. */
export interface Conditional extends NodeBase { kind: 'conditional'; test: Expr; then: Expr; else: Expr }

/** A template value (message, gift.sku, coupon.to, coupon.code, limits.customer): text with `${expr}` parts. */
export interface Template {
  span: Span;
  parts: (string | Expr)[];
}
