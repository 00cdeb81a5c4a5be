// Turns the chevrotain CST of parser.ts into the AST of dsl/ast.ts, with spans mapped into the
// rule file through `locate`. Literal checks that the grammar cannot express (escapes, number
// ranges, timestamp literals, macro shapes, comparison chains) are reported here.
import type { CstElement, CstNode, IToken } from 'chevrotain';
import type { Expr, Span } from '../ast.ts';
import type { RawDiagnostic } from '../diagnostics/diagnostic.ts';
import { report } from '../diagnostics/codes.ts';
import { parseIsoTimestamp } from './timestamp.ts';

/** Maps an offset in the expression text to an offset in the rule file. */
export type Locate = (offset: number, isEnd?: boolean) => number;

const MACROS = new Set(['filter', 'map', 'any', 'all', 'count', 'sum', 'min', 'max', 'first']);
const DURATION_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const COMPARE_OPS: Record<string, Expr & { kind: 'binary' } extends { op: infer O } ? O : never> = {
  '==': '==', '!=': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=', in: 'in',
};

type Children = Record<string, CstElement[]>;

const isToken = (e: CstElement): e is IToken => (e as IToken).image !== undefined;

/** Converts one parse tree; collects problems into `diagnostics`. */
export class AstBuilder {
  readonly diagnostics: RawDiagnostic[] = [];
  constructor(private readonly locate: Locate) {}

  tokenSpan(tok: IToken): Span {
    return { start: this.locate(tok.startOffset), end: this.locate(tok.startOffset + tok.image.length, true) };
  }

  private join(a: Span, b: Span): Span {
    return { start: a.start, end: b.end };
  }

  private nodes(c: Children, key: string): CstNode[] {
    return (c[key] ?? []).filter((e): e is CstNode => !isToken(e));
  }
  private tokens(c: Children, key: string): IToken[] {
    return (c[key] ?? []).filter(isToken);
  }
  /** All tokens of a subtree in source order, for spans of nodes without a single anchor token. */
  private firstLastToken(node: CstNode): [IToken, IToken] | undefined {
    let first: IToken | undefined;
    let last: IToken | undefined;
    const visit = (n: CstNode) => {
      for (const list of Object.values(n.children)) {
        for (const e of list) {
          if (isToken(e)) {
            if (Number.isNaN(e.startOffset)) continue;
            if (!first || e.startOffset < first.startOffset) first = e;
            if (!last || e.startOffset > last.startOffset) last = e;
          } else visit(e);
        }
      }
    };
    visit(node);
    return first && last ? [first, last] : undefined;
  }
  private nodeSpan(node: CstNode): Span {
    const fl = this.firstLastToken(node);
    return fl ? this.join(this.tokenSpan(fl[0]), this.tokenSpan(fl[1])) : { start: this.locate(0), end: this.locate(0) };
  }

  expression(node: CstNode): Expr {
    const c = node.children;
    const inner = this.nodes(c, 'ifExpr')[0] ?? this.nodes(c, 'ternary')[0];
    return inner.name === 'ifExpr' ? this.ifExpr(inner) : this.ternary(inner);
  }

  private ifExpr(node: CstNode): Expr {
    const c = node.children;
    return {
      kind: 'conditional',
      test: this.expression(this.nodes(c, 'test')[0]),
      then: this.expression(this.nodes(c, 'then')[0]),
      else: this.expression(this.nodes(c, 'else')[0]),
      span: this.nodeSpan(node),
    };
  }

  private ternary(node: CstNode): Expr {
    const c = node.children;
    const test = this.chain(this.nodes(c, 'test')[0]);
    const then = this.nodes(c, 'then')[0];
    if (!then) return test;
    const els = this.expression(this.nodes(c, 'else')[0]);
    return { kind: 'conditional', test, then: this.expression(then), else: els, span: this.join(test.span, els.span) };
  }

  /** Left-associative binary levels: coalesce, or, and, additive, multiplicative. */
  private chain(node: CstNode): Expr {
    const c = node.children;
    switch (node.name) {
      case 'notExpr': return this.notExpr(node);
      case 'comparison': return this.comparison(node);
      case 'unary': return this.unary(node);
    }
    const operands = this.nodes(c, 'operand').map((n) => this.chain(n));
    const ops = this.tokens(c, 'op');
    let left = operands[0];
    ops.forEach((tok, i) => {
      const right = operands[i + 1];
      const op = binaryOp(tok.image);
      left = { kind: 'binary', op, left, right, opSpan: this.tokenSpan(tok), span: this.join(left.span, right.span) };
    });
    return left;
  }

  private notExpr(node: CstNode): Expr {
    const c = node.children;
    const op = this.tokens(c, 'op')[0];
    const operand = this.chain(this.nodes(c, 'operand')[0]);
    if (!op) return operand;
    const opSpan = this.tokenSpan(op);
    return { kind: 'unary', op: 'not', operand, opSpan, span: this.join(opSpan, operand.span) };
  }

  private comparison(node: CstNode): Expr {
    const c = node.children;
    const operands = this.nodes(c, 'operand').map((n) => this.chain(n));
    const ops = this.nodes(c, 'op');
    if (ops.length === 0) return operands[0];
    if (ops.length > 1) this.diagnostics.push(report('E1104', this.nodeSpan(ops[1])));
    const opNode = ops[0];
    const toks = Object.values(opNode.children).flat().filter(isToken).sort((a, b) => a.startOffset - b.startOffset);
    const op = toks.length === 2 ? 'notin' : COMPARE_OPS[toks[0].image];
    const left = operands[0];
    const right = operands[1];
    return { kind: 'binary', op, left, right, opSpan: this.nodeSpan(opNode), span: this.join(left.span, right.span) };
  }

  private unary(node: CstNode): Expr {
    const c = node.children;
    const op = this.tokens(c, 'op')[0];
    const operandNode = this.nodes(c, 'operand')[0];
    if (!op) return this.postfix(operandNode);
    const operand = this.unary(operandNode);
    const opSpan = this.tokenSpan(op);
    // `-12` is folded into the literal so that it stays one exact number.
    if (operand.kind === 'number' && operand.span.start === opSpan.end) {
      return { ...operand, text: `-${operand.text}`, span: this.join(opSpan, operand.span) };
    }
    return { kind: 'unary', op: '-', operand, opSpan, span: this.join(opSpan, operand.span) };
  }

  private postfix(node: CstNode): Expr {
    const c = node.children;
    let expr = this.primary(this.nodes(c, 'primary')[0]);
    for (const suffix of this.nodes(c, 'suffix')) expr = this.suffix(expr, suffix);
    return expr;
  }

  private suffix(object: Expr, node: CstNode): Expr {
    const c = node.children;
    const span = this.join(object.span, this.nodeSpan(node));
    const indexNode = this.nodes(c, 'index')[0];
    if (indexNode) return { kind: 'index', object, index: this.expression(indexNode), span };
    const nameTok = this.tokens(c, 'name')[0];
    const nameSpan = this.tokenSpan(nameTok);
    const argsNode = this.nodes(c, 'callArgs')[0];
    if (!argsNode) return { kind: 'member', object, name: nameTok.image, nameSpan, span };
    const args = this.nodes(argsNode.children, 'arg').map((n) => this.expression(n));
    if (MACROS.has(nameTok.image) && (args.length === 2 || args[0]?.kind === 'ident')) {
      const variable = args[0];
      if (args.length !== 2 || variable.kind !== 'ident') {
        this.diagnostics.push(report('E1105', nameSpan, nameTok.image));
        return { kind: 'method', object, name: nameTok.image, nameSpan, args, span };
      }
      return {
        kind: 'macro', object, name: nameTok.image as 'filter', nameSpan,
        variable: variable.name, variableSpan: variable.span, body: args[1], span,
      };
    }
    return { kind: 'method', object, name: nameTok.image, nameSpan, args, span };
  }

  private primary(node: CstNode): Expr {
    const c = node.children;
    const lit = this.tokens(c, 'literal')[0];
    if (lit) return this.literal(lit);
    const list = this.nodes(c, 'listLit')[0];
    if (list) {
      const items = this.nodes(list.children, 'item').map((n) => this.expression(n));
      return { kind: 'list', items, span: this.nodeSpan(list) };
    }
    const paren = this.nodes(c, 'paren')[0];
    if (paren) {
      const inner = this.expression(this.nodes(paren.children, 'inner')[0]);
      return { ...inner, span: this.nodeSpan(paren) };
    }
    const nameTok = this.tokens(c, 'name')[0];
    const nameSpan = this.tokenSpan(nameTok);
    const argsNode = this.nodes(c, 'callArgs')[0];
    if (!argsNode) return { kind: 'ident', name: nameTok.image, span: nameSpan };
    const args = this.nodes(argsNode.children, 'arg').map((n) => this.expression(n));
    const span = this.nodeSpan(node);
    if (nameTok.image === 'timestamp') return this.timestampLit(args, span);
    return { kind: 'call', callee: nameTok.image, calleeSpan: nameSpan, args, span };
  }

  private timestampLit(args: Expr[], span: Span): Expr {
    const arg = args[0];
    if (args.length !== 1 || arg.kind !== 'string') {
      this.diagnostics.push(report('E1106', span));
      return { kind: 'timestamp', text: '1970-01-01T00:00:00Z', ms: 0, span };
    }
    const ms = parseIsoTimestamp(arg.value);
    if (ms === undefined) this.diagnostics.push(report('E1107', arg.span, JSON.stringify(arg.value)));
    return { kind: 'timestamp', text: arg.value, ms: ms ?? 0, span };
  }

  private literal(tok: IToken): Expr {
    const span = this.tokenSpan(tok);
    const image = tok.image;
    switch (tok.tokenType.name) {
      case 'NumberLit': {
        const isInteger = !image.includes('.');
        if (isInteger && !Number.isSafeInteger(Number(image))) this.diagnostics.push(report('E1110', span, image));
        return { kind: 'number', text: image, isInteger, span };
      }
      case 'Percent': return { kind: 'percent', text: image.slice(0, -1), span };
      case 'Duration': {
        const ms = Number(image.slice(0, -1)) * DURATION_MS[image.slice(-1)];
        if (!Number.isSafeInteger(ms)) this.diagnostics.push(report('E1110', span, image));
        return { kind: 'duration', text: image, ms: Number.isSafeInteger(ms) ? ms : 0, span };
      }
      case 'StringLit': return { kind: 'string', value: this.decodeString(tok), span };
      case 'True': return { kind: 'bool', value: true, span };
      case 'False': return { kind: 'bool', value: false, span };
      default: return { kind: 'null', span };
    }
  }

  /** Decodes `\" \' \\ \n \t \r \uXXXX`; anything else is reported at the escape itself. */
  private decodeString(tok: IToken): string {
    const raw = tok.image.slice(1, -1);
    let out = '';
    for (let i = 0; i < raw.length; i++) {
      const ch = raw[i];
      if (ch !== '\\') { out += ch; continue; }
      const next = raw[i + 1];
      const simple: Record<string, string> = { '"': '"', "'": "'", '\\': '\\', n: '\n', t: '\t', r: '\r', $: '$' };
      if (next in simple) { out += simple[next]; i++; continue; }
      const hex = raw.slice(i + 2, i + 6);
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(hex)) { out += String.fromCharCode(parseInt(hex, 16)); i += 5; continue; }
      const at = tok.startOffset + 1 + i;
      const len = next === 'u' ? Math.min(2 + hex.length, raw.length - i) : 2;
      this.diagnostics.push(report('E1103', { start: this.locate(at), end: this.locate(at + len) }, raw.slice(i, i + len)));
      i++;
    }
    return out;
  }
}

function binaryOp(image: string): Exclude<Expr & { kind: 'binary' } extends { op: infer O } ? O : never, never> {
  switch (image) {
    case '&&': case 'and': return 'and';
    case '||': case 'or': return 'or';
    default: return image as '+';
  }
}
