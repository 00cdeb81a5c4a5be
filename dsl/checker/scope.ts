// Name resolution: one top-level namespace (input fields, params, lets) plus the predefined
// `now` and (in a Promotion) `subtotal`, and the macro / `from ... as` variables nested inside.
// A scope may restrict which top-level names are visible (earlier lets, earlier params).
import type { IdentRef, Span } from '../ast.ts';
import type { RawDiagnostic } from '../diagnostics/diagnostic.ts';
import { T, type Type } from '../types/type.ts';

/** A top-level name. `order` is its position among its own kind (lets, params). */
export interface TopBinding {
  ref: 'input' | 'param' | 'let';
  type: Type;
  order: number;
}

/** Returns a diagnostic when `name` may not be used where the scope is used. */
export type Restriction = (name: string, binding: TopBinding | undefined, span: Span) => RawDiagnostic | undefined;

export type Lookup =
  | { ok: true; ref: IdentRef; type: Type }
  | { ok: false; diagnostic?: RawDiagnostic };

/** An immutable lexical scope. */
export class Scope {
  constructor(
    readonly top: Map<string, TopBinding>,
    readonly predefined: Map<string, { ref: IdentRef; type: Type }>,
    private readonly vars: Map<string, Type> = new Map(),
    private readonly restriction?: Restriction,
    /** Paths (`cart.shipping`) known to be non-null here, from a guard such as `x != null and ...`. */
    private readonly nonNull: ReadonlySet<string> = new Set(),
  ) {}

  /** A scope with `restriction` applied to top-level and predefined names. */
  restrict(restriction: Restriction): Scope {
    return new Scope(this.top, this.predefined, this.vars, restriction, this.nonNull);
  }

  /** A scope with one more variable. */
  withVar(name: string, type: Type): Scope {
    const vars = new Map(this.vars);
    vars.set(name, type);
    return new Scope(this.top, this.predefined, vars, this.restriction, this.nonNull);
  }

  /** A scope where the given paths are known not to be null. */
  withNonNull(paths: string[]): Scope {
    if (paths.length === 0) return this;
    return new Scope(this.top, this.predefined, this.vars, this.restriction, new Set([...this.nonNull, ...paths]));
  }

  isNonNull(path: string): boolean {
    return this.nonNull.has(path);
  }

  /** Whether `name` is already taken (so a new variable may not reuse it). */
  isTaken(name: string): boolean {
    return this.vars.has(name) || this.top.has(name) || this.predefined.has(name);
  }

  lookup(name: string, span: Span): Lookup {
    const v = this.vars.get(name);
    if (v) return { ok: true, ref: 'var', type: v };
    const top = this.top.get(name);
    const pre = top ? undefined : this.predefined.get(name);
    if (!top && !pre) return { ok: false };
    const denied = this.restriction?.(name, top, span);
    if (denied) return { ok: false, diagnostic: denied };
    if (top) return { ok: true, ref: top.ref, type: top.type };
    return { ok: true, ref: pre!.ref, type: pre!.type };
  }
}

/** The predefined names of a document kind. */
export function predefinedNames(kind: string): Map<string, { ref: IdentRef; type: Type }> {
  const m = new Map<string, { ref: IdentRef; type: Type }>([['now', { ref: 'now', type: T.timestamp }]]);
  if (kind === 'Promotion') m.set('subtotal', { ref: 'subtotal', type: T.money });
  return m;
}
