// Resolves types as written (TypeExpr) into checked types: primitives, enums, lists, objects
// (with `name?:` fields made optional), `T?`, and names declared under `types:` — in any order,
// with self-reference reported once.
import type { Span } from '../ast.ts';
import type { RawDiagnostic } from '../diagnostics/diagnostic.ts';
import { report } from '../diagnostics/codes.ts';
import type { TypeExpr } from '../parser/index.ts';
import { T, type Field, type Type } from '../types/type.ts';

export interface TypeDecl {
  name: string;
  nameSpan: Span;
  expr: TypeExpr;
}

/** Resolves named types and then any type expression against them. */
export class TypeResolver {
  private readonly resolved = new Map<string, Type>();
  private readonly resolving = new Set<string>();
  private readonly decls = new Map<string, TypeDecl>();

  constructor(decls: TypeDecl[], private readonly diagnostics: RawDiagnostic[]) {
    for (const d of decls) this.decls.set(d.name, d);
    for (const d of decls) this.named(d.name, d.nameSpan);
  }

  /**
   * Reports every named type whose full expansion (what the compiler writes out: validators,
   * converters, schemas, TypeScript) has more than `limit` nodes. Types share their named parts in
   * memory, but the output copies them, so `A1: { a: A0, b: A0 }`, `A2: { a: A1, b: A1 }`... doubles
   * per level: 20 such lines would compile to tens of megabytes.
   */
  checkExpansion(limit: number): void {
    const size = (t: Type) => this.expandedSize(t, limit);
    // One diagnostic per cause: the types that cross the limit though every type they hold is within it.
    const parts = (t: Type): Type[] => (t.kind === 'list' ? parts(t.element) : t.kind === 'optional' ? parts(t.inner) : t.kind === 'object' ? [t] : []);
    for (const d of this.decls.values()) {
      const t = this.resolved.get(d.name);
      if (!t || size(t) <= limit) continue;
      const held = t.kind === 'object' ? t.fields.flatMap((f) => parts(f.type)) : parts(t).filter((x) => x !== t);
      if (held.every((x) => size(x) <= limit)) this.diagnostics.push(report('E3013', d.nameSpan, d.name, String(limit)));
    }
  }

  private readonly sizes = new Map<Type, number>();

  /** How many nodes `t` expands to when written out in full, counted up to `limit + 1`. */
  expandedSize(t: Type, limit: number): number {
    const known = this.sizes.get(t);
    if (known !== undefined) return known;
    let n = 1;
    if (t.kind === 'list') n += this.expandedSize(t.element, limit);
    else if (t.kind === 'optional') n += this.expandedSize(t.inner, limit);
    else if (t.kind === 'object') for (const f of t.fields) n = Math.min(n + this.expandedSize(f.type, limit), limit + 1);
    n = Math.min(n, limit + 1);
    this.sizes.set(t, n);
    return n;
  }

  /** Named types in declaration order. */
  namedTypes(): { name: string; type: Type }[] {
    return [...this.decls.keys()].map((name) => ({ name, type: this.resolved.get(name) ?? T.error }));
  }

  private named(name: string, span: Span): Type {
    const done = this.resolved.get(name);
    if (done) return done;
    const decl = this.decls.get(name);
    if (!decl) {
      this.diagnostics.push(report('E3008', span, name));
      return T.error;
    }
    if (this.resolving.has(name)) {
      this.diagnostics.push(report('E3009', span, name));
      return T.error;
    }
    this.resolving.add(name);
    let t = this.resolve(decl.expr);
    this.resolving.delete(name);
    if (t.kind === 'object') t = { ...t, name };
    this.resolved.set(name, t);
    return t;
  }

  resolve(te: TypeExpr): Type {
    switch (te.kind) {
      case 'prim': return T[te.name];
      case 'enum': return { kind: 'enum', values: [...te.values] };
      case 'list': return T.list(this.resolve(te.element));
      case 'optional': {
        const inner = this.resolve(te.inner);
        return inner.kind === 'error' ? inner : T.optional(inner);
      }
      case 'name': return this.named(te.name, te.span);
      case 'object': {
        const fields: Field[] = [];
        for (const f of te.fields) {
          if (fields.some((g) => g.name === f.name)) {
            this.diagnostics.push(report('E3011', f.nameSpan, f.name));
            continue;
          }
          const t = this.resolve(f.type);
          fields.push({ name: f.name, type: f.optional && t.kind !== 'error' ? T.optional(t) : t });
        }
        return { kind: 'object', fields };
      }
    }
  }
}
