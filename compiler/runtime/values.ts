// JSON <-> runtime values (SPEC section 2): converting and validating a caller's JSON against a
// declared type, collecting every problem with its JSON pointer, and rendering runtime values
// back to their JSON output form or their text inside a template.
import type { RType, Rounding, TraceEntry } from './plan.ts';
import type { RuleProblem } from './errors.ts';
import { Dec, decFromNumber, decParse, decToMoney, decToString } from './decimal.ts';
import { durationFormat, durationParse, timeFormat, timeParse } from './time.ts';
import { cgenFastConverter } from './convert-gen.ts';

const VAL_HAS = Object.prototype.hasOwnProperty;
/** Nesting deeper than this in input JSON is refused (guards the recursion of hostile input). */
const VAL_MAX_DEPTH = 64;

/** Escapes one JSON pointer reference token (RFC 6901: `~` -> `~0`, `/` -> `~1`). */
export function valPointerToken(key: string | number): string {
  const s = String(key);
  return s.indexOf('~') < 0 && s.indexOf('/') < 0 ? s : s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The readable name of a type in messages: `int`, `money?`, `list<Item>`, `enum(a, b)`. */
export function valTypeName(t: RType): string {
  switch (t.kind) {
    case 'enum': return `enum(${t.values.join(', ')})`;
    case 'list': return `list<${valTypeName(t.element)}>`;
    case 'object': return t.name ?? 'object';
    case 'optional': return `${valTypeName(t.inner)}?`;
    default: return t.kind;
  }
}

/** A short rendering of an offending JSON value: `"two"`, `12.5`, `null`, `an object`, `an array`. */
export function valDescribe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return typeof v;
}

/** Sets a field on a plain object, also when the field is named `__proto__` (never touches the prototype). */
function valSet(o: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

/**
 * Converts a caller's JSON value to its runtime value for `type` (SPEC section 2 and plan.ts),
 * pushing one `{ path, message }` per problem to `errors` (path a JSON pointer such as
 * `/cart/items/2/qty`, message such as `expected int, got "two"`). Objects ignore extra keys;
 * optional fields may be absent or null (-> null). Returns null where the value is unusable;
 * the result is only meaningful when no error was pushed.
 */
export function valConvert(type: RType, json: unknown, path: string, errors: RuleProblem[]): any {
  // Valid input (the common case) takes the fast converter, which tracks no path at all; only
  // when it gives up does the tracking converter run again to list every problem.
  const v = valCompileFast(type)(json);
  if (v !== VAL_BAD) return v;
  return valCompile(type)(json, { keys: [], base: path, errors });
}

/**
 * The runtime value of a valid `json` of `type` by the fast converter alone, or undefined when it
 * gives up (then `valConvert` lists the problems, or converts what the fast path left to it).
 * Lets the executor skip allocating an error list on the common, valid path.
 */
export function valConvertValid(type: RType, json: unknown): any {
  const v = valCompileFast(type)(json);
  return v === VAL_BAD ? undefined : v;
}

/**
 * `valConvertValid` bound to one type: the converter is looked up once (an executor keeps it),
 * not in the WeakMap on every call.
 */
export function valValidConverter(type: RType): (json: unknown) => any {
  const f = valCompileFast(type);
  return (json) => {
    const v = f(json);
    return v === VAL_BAD ? undefined : v;
  };
}

/** What a fast converter returns for a value it refuses. */
const VAL_BAD: unique symbol = Symbol('invalid');

/** A converter that gives up (VAL_BAD) at the first problem, without building any path. */
type ValFastConverter = (json: unknown) => any;

const VAL_COMPILED_FAST = new WeakMap<RType, ValFastConverter>();

function valCompileFast(type: RType): ValFastConverter {
  let f = VAL_COMPILED_FAST.get(type);
  if (f === undefined) {
    // The converter generated for this type when the host allows it; the closures otherwise.
    f = cgenFastConverter(type, VAL_BAD) ?? valBuildFast(type, 0);
    VAL_COMPILED_FAST.set(type, f);
  }
  return f;
}

/** The fast twin of valBuild: same acceptance, no messages. `depth` bounds nesting like VAL_MAX_DEPTH. */
function valBuildFast(type: RType, depth: number): ValFastConverter {
  if (depth > VAL_MAX_DEPTH) return () => VAL_BAD;
  switch (type.kind) {
    case 'optional': {
      const inner = valBuildFast(type.inner, depth);
      return (json) => (json === null || json === undefined ? null : inner(json));
    }
    case 'bool':
      return (json) => (typeof json === 'boolean' ? json : VAL_BAD);
    case 'int':
      return (json) => (typeof json === 'number' && Number.isSafeInteger(json) ? (json === 0 ? 0 : json) : VAL_BAD);
    case 'decimal':
    case 'money':
      return (json) => {
        if (typeof json === 'number') return Number.isFinite(json) ? decFromNumber(json) : VAL_BAD;
        if (typeof json === 'string') return decParse(json) ?? VAL_BAD;
        return VAL_BAD;
      };
    case 'string':
      return (json) => (typeof json === 'string' ? json : VAL_BAD);
    case 'enum': {
      const values = type.values;
      return (json) => (typeof json === 'string' && values.indexOf(json) >= 0 ? json : VAL_BAD);
    }
    case 'timestamp':
      return (json) => (typeof json === 'string' ? timeParse(json) ?? VAL_BAD : VAL_BAD);
    case 'duration':
      return (json) => (typeof json === 'string' ? durationParse(json) ?? VAL_BAD : VAL_BAD);
    case 'null':
      return (json) => (json === null || json === undefined ? null : VAL_BAD);
    case 'list': {
      const element = valBuildFast(type.element, depth + 1);
      return (json) => {
        if (!Array.isArray(json)) return VAL_BAD;
        const n = json.length;
        const out: unknown[] = new Array(n);
        for (let i = 0; i < n; i++) {
          const v = element(json[i]);
          if (v === VAL_BAD) return VAL_BAD;
          out[i] = v;
        }
        return out;
      };
    }
    case 'object': {
      const names = type.fields.map((f) => f.name);
      const convs = type.fields.map((f) => valBuildFast(f.type, depth + 1));
      const required = type.fields.map((f) => f.type.kind !== 'optional' && f.type.kind !== 'null');
      if (names.includes('__proto__')) return () => VAL_BAD; // rare: let the careful converter build it
      const n = names.length;
      return (json) => {
        if (json === null || typeof json !== 'object' || Array.isArray(json)) return VAL_BAD;
        const src = json as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (let i = 0; i < n; i++) {
          const name = names[i];
          const raw = VAL_HAS.call(src, name) ? src[name] : undefined;
          if (raw === undefined) {
            if (required[i]) return VAL_BAD;
            out[name] = null;
            continue;
          }
          const v = convs[i](raw);
          if (v === VAL_BAD) return VAL_BAD;
          out[name] = v;
        }
        return out;
      };
    }
    case 'error':
      return (json) => json ?? null;
  }
}

/** Where a conversion is: the keys from the root (a stack, so valid input builds no path text). */
interface ValCtx {
  keys: string[];
  base: string;
  errors: RuleProblem[];
}

/** A converter compiled for one type descriptor. */
type ValConverter = (json: unknown, ctx: ValCtx) => any;

/** Converters by type descriptor: plans keep their descriptors, so each is compiled once. */
const VAL_COMPILED = new WeakMap<RType, ValConverter>();

/** The JSON pointer of the value being converted. */
function valHere(ctx: ValCtx): string {
  let p = ctx.base;
  for (const k of ctx.keys) p += '/' + valPointerToken(k);
  return p;
}

function valFail(type: RType, json: unknown, ctx: ValCtx): null {
  ctx.errors.push({ path: valHere(ctx), message: `expected ${valTypeName(type)}, got ${valDescribe(json)}` });
  return null;
}

/** The converter of a type: a closure per descriptor instead of interpreting it for every value. */
function valCompile(type: RType): ValConverter {
  let f = VAL_COMPILED.get(type);
  if (f === undefined) {
    f = valBuild(type);
    VAL_COMPILED.set(type, f);
  }
  return f;
}

function valBuild(type: RType): ValConverter {
  switch (type.kind) {
    case 'optional': {
      const inner = valCompile(type.inner);
      return (json, ctx) => {
        if (json === null || json === undefined) return null;
        const n = ctx.errors.length;
        const v = inner(json, ctx);
        // Name the optional type itself when the value as a whole was refused (`expected money?`).
        if (ctx.errors.length === n + 1 && ctx.errors[n].path === valHere(ctx)) ctx.errors[n].message = `expected ${valTypeName(type)}, got ${valDescribe(json)}`;
        return v;
      };
    }
    case 'bool':
      return (json, ctx) => (typeof json === 'boolean' ? json : valFail(type, json, ctx));
    case 'int':
      return (json, ctx) => (typeof json === 'number' && Number.isSafeInteger(json) ? (json === 0 ? 0 : json) : valFail(type, json, ctx));
    case 'decimal':
    case 'money':
      return (json, ctx) => {
        if (typeof json === 'number') {
          if (Number.isFinite(json)) return decFromNumber(json);
        } else if (typeof json === 'string') {
          const d = decParse(json);
          if (d !== null) return d;
        }
        return valFail(type, json, ctx);
      };
    case 'string':
      return (json, ctx) => (typeof json === 'string' ? json : valFail(type, json, ctx));
    case 'enum': {
      const values = type.values;
      return (json, ctx) => (typeof json === 'string' && values.indexOf(json) >= 0 ? json : valFail(type, json, ctx));
    }
    case 'timestamp':
      return (json, ctx) => {
        const t = typeof json === 'string' ? timeParse(json) : null;
        return t !== null ? t : valFail(type, json, ctx);
      };
    case 'duration':
      return (json, ctx) => {
        const d = typeof json === 'string' ? durationParse(json) : null;
        return d !== null ? d : valFail(type, json, ctx);
      };
    case 'null':
      return (json, ctx) => (json === null || json === undefined ? null : valFail(type, json, ctx));
    case 'list': {
      const element = valCompile(type.element);
      return (json, ctx) => {
        if (!Array.isArray(json) || ctx.keys.length >= VAL_MAX_DEPTH || ctx.errors.length >= 100) return valFail(type, json, ctx);
        const n = json.length;
        const out: unknown[] = new Array(n);
        const keys = ctx.keys;
        for (let i = 0; i < n; i++) {
          keys.push(String(i));
          out[i] = element(json[i], ctx);
          keys.pop();
        }
        return out;
      };
    }
    case 'object': {
      const fields = type.fields.map((f) => ({
        name: f.name,
        conv: valCompile(f.type),
        required: f.type.kind !== 'optional' && f.type.kind !== 'null',
        typeName: valTypeName(f.type),
      }));
      const proto = fields.some((f) => f.name === '__proto__');
      return (json, ctx) => {
        if (json === null || typeof json !== 'object' || Array.isArray(json) || ctx.keys.length >= VAL_MAX_DEPTH || ctx.errors.length >= 100) {
          return valFail(type, json, ctx);
        }
        const src = json as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        const keys = ctx.keys;
        for (let i = 0; i < fields.length; i++) {
          const f = fields[i];
          const raw = VAL_HAS.call(src, f.name) ? src[f.name] : undefined;
          let v: unknown = null;
          keys.push(f.name);
          if (raw !== undefined) v = f.conv(raw, ctx);
          else if (f.required) ctx.errors.push({ path: valHere(ctx), message: `missing required field (expected ${f.typeName})` });
          keys.pop();
          if (proto && f.name === '__proto__') valSet(out, f.name, v);
          else out[f.name] = v;
        }
        return out;
      };
    }
    case 'error':
      return (json) => json ?? null;
  }
}

/**
 * Renders a runtime value to its JSON output form: decimal canonical string, money with 2
 * fraction digits (rounded by `rounding`), timestamp ISO UTC, duration ISO 8601, null for null.
 */
export function valOutput(type: RType, value: any, rounding: Rounding): unknown {
  if (value === null || value === undefined) return null;
  switch (type.kind) {
    case 'optional': return valOutput(type.inner, value, rounding);
    case 'decimal': return value instanceof Dec ? decToString(value) : typeof value === 'number' ? decToString(decFromNumber(value)) : value;
    case 'money': return value instanceof Dec ? decToMoney(value, rounding) : typeof value === 'number' ? decToMoney(decFromNumber(value), rounding) : value;
    case 'timestamp': return typeof value === 'number' ? timeFormat(value) : value;
    case 'duration': return typeof value === 'number' ? durationFormat(value) : value;
    case 'list': {
      if (!Array.isArray(value)) return null;
      const out: unknown[] = new Array(value.length);
      for (let i = 0; i < value.length; i++) out[i] = valOutput(type.element, value[i], rounding);
      return out;
    }
    case 'object': {
      if (typeof value !== 'object') return null;
      const out: Record<string, unknown> = {};
      for (const f of type.fields) valSet(out, f.name, valOutput(f.type, VAL_HAS.call(value, f.name) ? value[f.name] : null, rounding));
      return out;
    }
    case 'int': return typeof value === 'number' ? value : value instanceof Dec ? decToString(value) : value;
    default: return value instanceof Dec ? decToString(value) : value;
  }
}

/**
 * The text of a value inside a template (`message: "满${threshold}减30"`): its output form
 * (money `200.00`, timestamps ISO UTC), null inserts nothing; lists and objects insert their JSON.
 */
export function valTemplate(type: RType, value: any, rounding?: Rounding): string {
  const out = valOutput(type, value, rounding ?? 'half-up');
  if (out === null || out === undefined) return '';
  if (typeof out === 'string') return out;
  if (typeof out === 'number' || typeof out === 'boolean') return String(out);
  return JSON.stringify(out);
}

/**
 * Renders the `let` entries that a plan's `bind` pushed to a trace (raw runtime values) into
 * their JSON output form, by each let's static type. Idempotent: rendered values pass through.
 */
export function valRenderLets(letTypes: { name: string; type: RType }[], rounding: Rounding, trace: TraceEntry[]): void {
  for (const e of trace) {
    if (e.kind !== 'let') continue;
    let t: RType | null = null;
    for (const l of letTypes) if (l.name === e.name) t = l.type;
    e.value = t === null ? valPlainJson(e.value) : valOutput(t, e.value, rounding);
  }
}

/** A best-effort JSON form of a value whose type is unknown (Decs as canonical strings). */
export function valPlainJson(v: unknown): unknown {
  if (v instanceof Dec) return decToString(v);
  if (Array.isArray(v)) return v.map(valPlainJson);
  if (v !== null && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v)) valSet(o, k, valPlainJson((v as Record<string, unknown>)[k]));
    return o;
  }
  return v === undefined ? null : v;
}
