// Input conversion specialised per type descriptor: generates, once per plan, one JavaScript
// function per object type that reads every declared field by name into a local, checks it and
// builds the runtime object in one literal (same hidden class every call). Named property
// reads stay monomorphic, where the generic closure converter's `src[name]` is megamorphic; this
// is the largest cost of a small call. Same acceptance as values.ts' fast converter: it only
// answers "valid, here is the value" or "give up"; problems are always listed by the careful
// converter. Where `new Function` is unavailable, the caller keeps the closure converter.
import type { RType } from './plan.ts';
import { Dec, decFromNumber, decParse } from './decimal.ts';
import { durationParse, timeParse } from './time.ts';

/** Types nested deeper than this are left to the closure converter (it bounds depth at run time). */
const CGEN_MAX_DEPTH = 32;

/** Names on Object.prototype: a field with such a name must be checked as an own property. */
const CGEN_PROTO_NAMES: Set<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** What the generated code receives from the runtime (passed in, never looked up globally). */
interface CgenHelpers {
  BAD: symbol;
  OP: object;
  HAS: (this: object, key: PropertyKey) => boolean;
  Dec: typeof Dec;
  decFromNumber: typeof decFromNumber;
  decParse: typeof decParse;
  timeParse: typeof timeParse;
  durationParse: typeof durationParse;
  consts: unknown[];
}

/** Generation state: the functions written so far, one per object or list descriptor. */
interface CgenState {
  fns: string[];
  ids: Map<RType, string>;
  consts: unknown[];
  locals: number;
}

/**
 * Builds the specialised fast converter of `type`: returns the runtime value, or `bad` at the
 * first problem. Null when the type cannot be specialised (deep nesting, a `__proto__` field)
 * or when the host forbids generating code from strings.
 */
export function cgenFastConverter(type: RType, bad: symbol): ((json: unknown) => any) | null {
  const st: CgenState = { fns: [], ids: new Map(), consts: [], locals: 0 };
  try {
    const root = cgenFunction(type, st, 0);
    if (root === null) return null;
    const src = `"use strict";\nconst { BAD, OP, HAS, Dec, decFromNumber, decParse, timeParse, durationParse, consts } = H;\n${st.fns.join('\n')}\nreturn ${root};`;
    const helpers: CgenHelpers = {
      BAD: bad, OP: Object.prototype, HAS: Object.prototype.hasOwnProperty, Dec, decFromNumber, decParse, timeParse, durationParse, consts: st.consts,
    };
    return new Function('H', src)(helpers) as (json: unknown) => any;
  } catch {
    return null;
  }
}

/** A fresh local variable name. */
function cgenLocal(st: CgenState): string {
  return `v${st.locals++}`;
}

/** Emits the function converting one value of `type` (object or list); returns its name or null. */
function cgenFunction(type: RType, st: CgenState, depth: number): string | null {
  const known = st.ids.get(type);
  if (known !== undefined) return known;
  if (depth > CGEN_MAX_DEPTH) return null;
  const name = `f${st.ids.size}`;
  st.ids.set(type, name);
  const lines: string[] = [];
  if (type.kind === 'object') {
    if (type.fields.some((f) => f.name === '__proto__')) return null;
    lines.push(`function ${name}(j) {`);
    // Plain JSON objects only (prototype Object.prototype or null): then an absent field reads as
    // undefined, except names that Object.prototype itself carries, which are checked as own.
    // The prototype is checked after the field reads: the reads leave the engine sure of the
    // object's shape, so the check folds to a constant instead of a runtime call per object
    // (~10 % of a small Promotion call). Any other prototype still gives up, whatever was read.
    lines.push(`  if (j === null || typeof j !== 'object') return BAD;`);
    const outs: string[] = [];
    for (const f of type.fields) {
      const key = JSON.stringify(f.name);
      const raw = cgenLocal(st);
      const read = CGEN_PROTO_NAMES.has(f.name) ? `HAS.call(j, ${key}) ? j[${key}] : undefined` : `j[${key}]`;
      lines.push(`  const ${raw} = ${read};`);
      const value = cgenValue(f.type, raw, st, depth + 1, lines, '  ');
      if (value === null) return null;
      outs.push(`${key}: ${value}`);
    }
    lines.push(`  const p = Object.getPrototypeOf(j); if (p !== OP && p !== null) return BAD;`);
    lines.push(`  return { ${outs.join(', ')} };`);
    lines.push('}');
  } else if (type.kind === 'list') {
    lines.push(`function ${name}(j) {`);
    lines.push(`  if (!Array.isArray(j)) return BAD;`);
    lines.push(`  const n = j.length; const out = new Array(n);`);
    lines.push(`  for (let i = 0; i < n; i++) {`);
    const raw = cgenLocal(st);
    lines.push(`    const ${raw} = j[i];`);
    const value = cgenValue(type.element, raw, st, depth + 1, lines, '    ');
    if (value === null) return null;
    lines.push(`    out[i] = ${value};`);
    lines.push(`  }`);
    lines.push(`  return out;`);
    lines.push('}');
  } else {
    lines.push(`function ${name}(j) {`);
    const value = cgenValue(type, 'j', st, depth + 1, lines, '  ');
    if (value === null) return null;
    lines.push(`  return ${value};`);
    lines.push('}');
  }
  st.fns.push(lines.join('\n'));
  return name;
}

/**
 * Emits the statements checking the JSON value in local `raw` against `type` (returning BAD from
 * the enclosing function on a problem) and returns the expression of its runtime value.
 * `raw` is undefined when a field is absent, which only optional and null types accept.
 */
function cgenValue(type: RType, raw: string, st: CgenState, depth: number, lines: string[], ind: string): string | null {
  switch (type.kind) {
    case 'optional': {
      const out = cgenLocal(st);
      const inner: string[] = [];
      const v = cgenValue(type.inner, raw, st, depth, inner, ind + '  ');
      if (v === null) return null;
      lines.push(`${ind}let ${out} = null;`);
      lines.push(`${ind}if (${raw} !== null && ${raw} !== undefined) {`);
      lines.push(...inner);
      lines.push(`${ind}  ${out} = ${v};`);
      lines.push(`${ind}}`);
      return out;
    }
    case 'null':
      lines.push(`${ind}if (${raw} !== null && ${raw} !== undefined) return BAD;`);
      return 'null';
    case 'error': return `(${raw} ?? null)`;
    case 'bool':
      lines.push(`${ind}if (typeof ${raw} !== 'boolean') return BAD;`);
      return raw;
    case 'int':
      lines.push(`${ind}if (typeof ${raw} !== 'number' || !Number.isSafeInteger(${raw})) return BAD;`);
      return `(${raw} === 0 ? 0 : ${raw})`;
    case 'string':
      lines.push(`${ind}if (typeof ${raw} !== 'string') return BAD;`);
      return raw;
    case 'enum': {
      const tests = type.values.map((v) => `${raw} === ${JSON.stringify(v)}`);
      lines.push(`${ind}if (typeof ${raw} !== 'string' || !(${tests.length > 0 ? tests.join(' || ') : 'false'})) return BAD;`);
      return raw;
    }
    case 'decimal':
    case 'money': {
      // Exactly what values.ts does: a finite JSON number through decFromNumber (its shortest
      // round-trip text), a string through decParse.
      const out = cgenLocal(st);
      lines.push(`${ind}let ${out};`);
      lines.push(`${ind}if (typeof ${raw} === 'number') { if (!Number.isFinite(${raw})) return BAD; ${out} = decFromNumber(${raw}); }`);
      lines.push(`${ind}else if (typeof ${raw} === 'string') { ${out} = decParse(${raw}); if (${out} === null) return BAD; }`);
      lines.push(`${ind}else return BAD;`);
      return out;
    }
    case 'timestamp':
    case 'duration': {
      const out = cgenLocal(st);
      const parse = type.kind === 'timestamp' ? 'timeParse' : 'durationParse';
      lines.push(`${ind}if (typeof ${raw} !== 'string') return BAD;`);
      lines.push(`${ind}const ${out} = ${parse}(${raw}); if (${out} === null) return BAD;`);
      return out;
    }
    case 'list':
    case 'object': {
      const fn = cgenFunction(type, st, depth);
      if (fn === null) return null;
      const out = cgenLocal(st);
      lines.push(`${ind}const ${out} = ${fn}(${raw}); if (${out} === BAD) return BAD;`);
      return out;
    }
  }
}
