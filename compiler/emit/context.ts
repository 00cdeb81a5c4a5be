// The state of emitting one document: hoisted constants (decimal literals, type descriptors) and
// the names given to macro variables. Names the emitter invents are `$k0`, `$t0`, `v0`...: none
// can come from a document, whose strings only ever appear inside literals.
import type { Type } from '../../dsl/types/type.ts';
import { CompileError } from '../type-helpers.ts';
import { lit } from './literal.ts';

/** Module-level constants shared by every function of one executor, in first-use order. */
export class Hoister {
  /** `ts`: declarations carry type annotations (executor.ts); otherwise plain JavaScript. */
  constructor(private readonly ts = false) {}

  private readonly decimals = new Map<string, string>();
  private readonly types = new Map<string, string>();
  private readonly lines: string[] = [];

  /** The constant holding `decParse(text)`: parsed once when the module loads, never on the hot path. */
  decimal(text: string): string {
    if (!/^-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/.test(text)) throw new CompileError(`not a decimal literal: ${JSON.stringify(text)}`);
    let name = this.decimals.get(text);
    if (!name) {
      name = `$k${this.decimals.size}`;
      this.decimals.set(text, name);
      this.lines.push(`const ${name} = decParse(${lit(text)})${this.ts ? '!' : ''};`);
    }
    return name;
  }

  /** The constant holding the runtime type descriptor of `t`. */
  type(t: Type): string {
    const json = lit(t);
    let name = this.types.get(json);
    if (!name) {
      name = `$t${this.types.size}`;
      this.types.set(json, name);
      this.lines.push(`const ${name}${this.ts ? ': RType' : ''} = ${json};`);
    }
    return name;
  }

  /** The declarations, one per line, in first-use order (deterministic for a given document). */
  declarations(): string[] {
    return [...this.lines];
  }
}

/** What an expression is emitted against. */
export interface EmitContext {
  hoist: Hoister;
  /** Macro / selection variable name -> generated JavaScript identifier. */
  scope: Map<string, string>;
  /** Counter for generated variable names. */
  counter: { next: number };
  /** What the emitted expressions read: `now` (the plan then says `usesNow: true`). */
  uses: { now: boolean };
  /** The JavaScript identifier of the environment object. */
  env: string;
  /** Name of the module constant holding the document's time zone. */
  timezone: string;
  /** Name of the module constant holding the document's rounding mode. */
  rounding: string;
  /** Emitting TypeScript (annotations where inference would be too narrow) rather than JavaScript. */
  ts: boolean;
}

/** A fresh context for one document; `$tz` and `$rnd` are declared by the plan emitter. */
export function newContext(hoist: Hoister, ts = false): EmitContext {
  return { hoist, scope: new Map(), counter: { next: 0 }, uses: { now: false }, env: 'env', timezone: '$tz', rounding: '$rnd', ts };
}

/** Binds `variable` to a fresh identifier for the duration of `body`. */
export function withVariable<R>(ctx: EmitContext, variable: string, body: (id: string) => R): R {
  const id = `v${ctx.counter.next++}`;
  const saved = ctx.scope.get(variable);
  ctx.scope.set(variable, id);
  try {
    return body(id);
  } finally {
    if (saved === undefined) ctx.scope.delete(variable);
    else ctx.scope.set(variable, saved);
  }
}
