// Per-document state of the checker: the YAML nodes, the diagnostics so far, and helpers that
// read an expression, a template or a type from a node with positions inside the file.
import { isMap, isPair, isScalar, isSeq, type Document, type Node, type Scalar } from 'yaml';
import type { Expr, Span, Template } from '../ast.ts';
import type { RawDiagnostic } from '../diagnostics/diagnostic.ts';
import { scalarLocator, scalarText } from '../frame/scalar-map.ts';
import { parseTemplate } from '../frame/template.ts';
import { nodeAt } from '../frame/yaml-json.ts';
import { parseExpression, parseType, type TypeExpr, type TypeField } from '../parser/index.ts';
import { ExprChecker } from './check-expr.ts';

export type Path = (string | number)[];

/** One entry of a YAML mapping, with the spans of its key and value. */
export interface Entry {
  key: string;
  keySpan: Span;
  node: Node;
}

/** Reading helpers and the diagnostics list of one document. */
export class DocContext {
  readonly checker = new ExprChecker();
  readonly diagnostics: RawDiagnostic[];

  constructor(readonly text: string, readonly doc: Document, readonly root: Node) {
    this.diagnostics = this.checker.diagnostics;
  }

  report(d: RawDiagnostic): void {
    this.diagnostics.push(d);
  }

  node(path: Path): Node | undefined {
    return nodeAt(this.root, path, this.doc);
  }

  span(node: Node | undefined): Span {
    const r = node?.range;
    return r ? { start: r[0], end: Math.max(r[0], r[1]) } : { start: 0, end: 0 };
  }

  /** The entries of the mapping at `path` (or of `node`), in order. */
  entries(at: Path | Node | undefined): Entry[] {
    const map = Array.isArray(at) ? this.node(at) : at;
    if (!isMap(map)) return [];
    const out: Entry[] = [];
    for (const p of map.items) {
      if (!isPair(p) || !isScalar(p.key)) continue;
      const value = (p.value ?? undefined) as Node | undefined;
      if (!value) continue;
      out.push({ key: String(p.key.value), keySpan: this.span(p.key as Node), node: value });
    }
    return out;
  }

  items(at: Path): Node[] {
    const seq = this.node(at);
    return isSeq(seq) ? (seq.items as Node[]) : [];
  }

  /** Parse the expression held by a scalar node (numbers and booleans from their source text). */
  expr(node: Node | undefined): Expr | undefined {
    if (!isScalar(node)) return undefined;
    const parsed = parseExpression(scalarText(this.text, node as Scalar), scalarLocator(this.text, node as Scalar));
    this.diagnostics.push(...parsed.diagnostics);
    return parsed.expr;
  }

  /** Parse a template held by a scalar node. */
  template(node: Node | undefined): Template | undefined {
    if (!isScalar(node)) return undefined;
    const parsed = parseTemplate(scalarText(this.text, node as Scalar), scalarLocator(this.text, node as Scalar), this.span(node));
    this.diagnostics.push(...parsed.diagnostics);
    return parsed.template;
  }

  /** Parse a type: a string in the type syntax, or a mapping for an object type. */
  typeExpr(node: Node | undefined): TypeExpr | undefined {
    if (isScalar(node)) {
      const parsed = parseType(scalarText(this.text, node as Scalar), scalarLocator(this.text, node as Scalar));
      this.diagnostics.push(...parsed.diagnostics);
      return parsed.type;
    }
    if (isMap(node)) {
      const fields: TypeField[] = [];
      for (const e of this.entries(node)) {
        const type = this.typeExpr(e.node);
        if (!type) continue;
        const optional = e.key.endsWith('?');
        fields.push({ name: optional ? e.key.slice(0, -1) : e.key, nameSpan: e.keySpan, optional, type });
      }
      return { kind: 'object', fields, span: this.span(node) };
    }
    return undefined;
  }

  /** The text of a scalar as written (for literal numbers such as `upTo`). */
  sourceText(node: Node | undefined): string | undefined {
    if (!isScalar(node)) return undefined;
    return scalarText(this.text, node as Scalar).trim();
  }

  hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error');
  }
}
