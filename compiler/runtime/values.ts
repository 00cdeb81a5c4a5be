// JSON <-> runtime values (SPEC section 2): converting and validating a caller's JSON against a
// declared type, collecting every problem with its JSON pointer, and rendering runtime values
// back to their JSON output form or their text inside a template.
import type { RType, Rounding, TraceEntry } from './plan.ts';
import type { RuleProblem } from './errors.ts';
import { Dec, decFromNumber, decParse, decToMoney, decToString } from './decimal.ts';
import { durationFormat, durationParse, timeFormat, timeParse } from './time.ts';

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
  return valConv(type, json, path, null, errors, 0);
}

/** The JSON pointer of a value: its parent's pointer and its key (built only when needed). */
function valPath(base: string, key: string | null): string {
  return key === null ? base : base + '/' + valPointerToken(key);
}

function valFail(type: RType, json: unknown, base: string, key: string | null, errors: RuleProblem[]): null {
  errors.push({ path: valPath(base, key), message: `expected ${valTypeName(type)}, got ${valDescribe(json)}` });
  return null;
}

// The path of the value is `base` + `key` and is only built for containers and errors: leaves,
// the bulk of any input, cost no string work when they are valid.
function valConv(type: RType, json: unknown, base: string, key: string | null, errors: RuleProblem[], depth: number): any {
  if (errors.length >= 100) return null; // enough to act on; keeps hostile inputs cheap
  switch (type.kind) {
    case 'optional': {
      if (json === null || json === undefined) return null;
      const n = errors.length;
      const v = valConv(type.inner, json, base, key, errors, depth);
      // Name the optional type itself when the value as a whole was refused (`expected money?`).
      if (errors.length === n + 1 && errors[n].path === valPath(base, key)) errors[n].message = `expected ${valTypeName(type)}, got ${valDescribe(json)}`;
      return v;
    }
    case 'bool':
      return typeof json === 'boolean' ? json : valFail(type, json, base, key, errors);
    case 'int':
      return typeof json === 'number' && Number.isSafeInteger(json) ? (json === 0 ? 0 : json) : valFail(type, json, base, key, errors);
    case 'decimal':
    case 'money': {
      if (typeof json === 'number' && Number.isFinite(json)) return decFromNumber(json);
      if (typeof json === 'string') {
        const d = decParse(json);
        if (d !== null) return d;
      }
      return valFail(type, json, base, key, errors);
    }
    case 'string':
      return typeof json === 'string' ? json : valFail(type, json, base, key, errors);
    case 'enum':
      if (typeof json === 'string' && type.values.indexOf(json) >= 0) return json;
      return valFail(type, json, base, key, errors);
    case 'timestamp': {
      const t = typeof json === 'string' ? timeParse(json) : null;
      return t !== null ? t : valFail(type, json, base, key, errors);
    }
    case 'duration': {
      const d = typeof json === 'string' ? durationParse(json) : null;
      return d !== null ? d : valFail(type, json, base, key, errors);
    }
    case 'null':
      return json === null || json === undefined ? null : valFail(type, json, base, key, errors);
    case 'list': {
      if (!Array.isArray(json) || depth >= VAL_MAX_DEPTH) return valFail(type, json, base, key, errors);
      const here = valPath(base, key);
      const out: unknown[] = new Array(json.length);
      for (let i = 0; i < json.length; i++) out[i] = valConv(type.element, json[i], here, String(i), errors, depth + 1);
      return out;
    }
    case 'object': {
      if (json === null || typeof json !== 'object' || Array.isArray(json) || depth >= VAL_MAX_DEPTH) return valFail(type, json, base, key, errors);
      const here = valPath(base, key);
      const src = json as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      const fields = type.fields;
      for (let i = 0; i < fields.length; i++) {
        const f = fields[i];
        const name = f.name;
        const raw = VAL_HAS.call(src, name) ? src[name] : undefined;
        let v: unknown = null;
        if (raw === undefined) {
          if (f.type.kind !== 'optional' && f.type.kind !== 'null') {
            errors.push({ path: valPath(here, name), message: `missing required field (expected ${valTypeName(f.type)})` });
          }
        } else v = valConv(f.type, raw, here, name, errors, depth + 1);
        if (name === '__proto__') valSet(out, name, v);
        else out[name] = v;
      }
      return out;
    }
    case 'error':
      return json ?? null;
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
