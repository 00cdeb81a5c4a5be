// The catalog of every diagnostic code the front end reports, as data. Codes are stable:
// never renumber or reuse one. docs/diagnostics.md is generated from this table
// (see codes.test.ts, which fails when the page is out of date).
//   E10xx YAML and document frame   E11xx expression and type syntax   E2xxx types
//   E3xxx names                     E4xxx kind-specific rules         W5xxx warnings
import type { Span } from '../ast.ts';
import type { RawDiagnostic, Severity } from './diagnostic.ts';

interface Entry {
  severity: Severity;
  /** One line for docs/diagnostics.md: when the code is reported. */
  summary: string;
  message: (...args: string[]) => string;
}

const q = (s: string) => `\`${s}\``;

function entry<A extends string[]>(severity: Severity, summary: string, message: (...args: A) => string) {
  return { severity, summary, message } as { severity: Severity; summary: string; message: (...args: A) => string };
}

/** Every diagnostic code with its severity, a one-line explanation and its message builder. */
export const CATALOG = {
  // ── YAML and document frame ──
  E1001: entry('error', 'The file is not valid YAML.', (msg: string) => `YAML: ${msg}`),
  E1002: entry('error', 'A document is not a mapping of keys to values.', () => 'a rule document must be a YAML mapping'),
  E1003: entry('error', 'A key that the document frame does not define (unknown keys are errors).', (key: string, where: string) => `unknown key ${q(key)} in ${where}`),
  E1004: entry('error', 'A required key is missing.', (key: string, where: string) => `missing required key ${q(key)} in ${where}`),
  E1005: entry('error', 'A value has the wrong YAML shape (e.g. a list where a mapping is needed).', (where: string, expected: string) => `${where} must be ${expected}`),
  E1006: entry('error', 'A value is not one of the allowed values.', (where: string, allowed: string) => `${where} must be one of ${allowed}`),
  E1007: entry('error', 'A value does not have the required format (name, semver, rate limit, ...).', (where: string, value: string, format: string) => `${where} ${value} is not ${format}`),
  E1008: entry('error', 'Any other violation of the document schema.', (where: string, msg: string) => `${where}: ${msg}`),
  E1009: entry('error', 'A timestamp in the frame (window, test clock) is not ISO 8601 with an offset or Z.', (value: string) => `invalid timestamp ${value}: use ISO 8601 with an offset or Z, e.g. 2026-11-11T00:00:00+08:00`),
  E1010: entry('error', 'A param is not written as `<type> = <default>`.', (name: string) => `param ${q(name)} must be written as "<type> = <default>", e.g. "money = 200"`),
  E1011: entry('error', 'A template has a `${` without its closing `}`.', (msg: string) => `template: ${msg}`),
  E1012: entry('error', 'A number in the frame (upTo, package size) is not a positive decimal literal.', (where: string) => `${where} must be a positive number literal`),
  // ── expression and type syntax ──
  E1101: entry('error', 'A character that cannot start any token.', (ch: string) => `unexpected character ${q(ch)}`),
  E1102: entry('error', 'The expression does not follow the grammar.', (msg: string) => msg),
  E1103: entry('error', 'An invalid escape sequence in a string literal.', (esc: string) => `invalid escape ${q(esc)} in string literal (use \\" \\' \\\\ \\n \\t \\uXXXX)`),
  E1104: entry('error', 'Comparisons do not chain (`a < b < c`).', () => 'comparison operators do not chain; use `and` to combine comparisons'),
  E1105: entry('error', 'A list macro needs a variable name and an expression.', (name: string) => `${q(name)} needs a variable and an expression, e.g. xs.${name}(x, x.price > 10)`),
  E1106: entry('error', '`timestamp(...)` takes exactly one string literal.', () => '`timestamp(...)` takes exactly one string literal, e.g. timestamp("2026-11-11T00:00:00+08:00")'),
  E1107: entry('error', 'A timestamp literal is not ISO 8601 with an offset or Z.', (text: string) => `invalid timestamp ${text}: use ISO 8601 with an offset or Z`),
  E1108: entry('error', 'A string literal is not closed on its line.', () => 'unterminated string literal'),
  E1109: entry('error', 'An expression is empty.', () => 'expected an expression'),
  E1110: entry('error', 'A number literal is out of range (ints are within ±(2^53-1)).', (text: string) => `number ${text} is out of range: integers must be within ±(2^53-1); write a decimal like ${text}.0 if you meant one`),
  E1111: entry('error', 'A type does not follow the type syntax.', (msg: string) => `type syntax: ${msg}`),
  // ── types ──
  E2001: entry('error', 'An operator is applied to types it does not accept.', (op: string, a: string, b: string) => (b ? `cannot apply ${q(op)} to ${a} and ${b}` : `cannot apply ${q(op)} to ${a}`)),
  E2002: entry('error', 'An optional value (`T?`) is used where a `T` is needed.', (t: string) => `this value is ${t} and may be null here; give a default with \`??\``),
  E2003: entry('error', 'Two values of unrelated types are compared.', (a: string, b: string) => `cannot compare ${a} with ${b}`),
  E2004: entry('error', 'A string literal compared with an enum is not one of its members.', (value: string, t: string) => `"${value}" is not a member of ${t}`),
  E2005: entry('error', 'A value has the wrong type for where it is used.', (where: string, expected: string, got: string) => `${where} must be ${expected}, got ${got}`),
  E2006: entry('error', 'The alternatives of `? :`, `if`, `??`, a list or min/max have incompatible types.', (a: string, b: string) => `incompatible types ${a} and ${b}`),
  E2007: entry('error', 'A function or method is called with the wrong number of arguments.', (name: string, expected: string, got: string) => `${q(name)} takes ${expected}, got ${got}`),
  E2008: entry('error', 'A field is read from a value that is not an object.', (t: string) => `${t} has no fields`),
  E2009: entry('error', 'Indexing something that is not a list, or with an index that is not an int.', (msg: string) => msg),
  E2010: entry('error', 'A rounding mode is not one of half-even, half-up, down, up.', () => 'the rounding mode must be one of "half-even", "half-up", "down", "up"'),
  E2011: entry('error', 'A value that cannot be ordered is sorted or compared with < <= > >=.', (t: string) => `values of type ${t} cannot be ordered`),
  // ── names ──
  E3001: entry('error', 'A name that is not an input field, param, let, macro variable or predefined name.', (name: string) => `unknown name ${q(name)}`),
  E3002: entry('error', 'A field that the object type does not have.', (field: string, t: string) => `unknown field ${q(field)} on ${t}`),
  E3003: entry('error', 'A name declared twice in the top-level namespace (input, params, let).', (name: string) => `${q(name)} is already declared`),
  E3004: entry('error', 'A `let` uses a `let` declared after it.', (name: string) => `${q(name)} is declared later; a let may only use earlier lets`),
  E3005: entry('error', 'A call of a function that does not exist.', (name: string) => `unknown function ${q(name)} (functions: round, floor, ceil, abs, min, max, hour, weekday, date, timestamp)`),
  E3006: entry('error', 'A method that the value\'s type does not have.', (name: string, t: string) => `unknown method ${q(name)} on ${t}`),
  E3007: entry('error', 'A macro or `from ... as` variable reuses a name already in scope.', (name: string) => `variable ${q(name)} reuses a name already in scope; choose another`),
  E3008: entry('error', 'A type name that `types:` does not declare.', (name: string) => `unknown type ${q(name)}`),
  E3009: entry('error', 'A named type refers to itself.', (name: string) => `type ${q(name)} refers to itself`),
  E3010: entry('error', 'A declaration uses a predefined name (`now`, `subtotal` in a Promotion).', (name: string) => `${q(name)} is predefined and cannot be declared`),
  E3011: entry('error', 'An object type declares a field twice.', (name: string) => `field ${q(name)} is declared twice`),
  E3012: entry('error', 'A param default uses something other than literals and earlier params.', (name: string) => `a param default may only use literals and earlier params, not ${q(name)}`),
  E3013: entry('error', 'A named type expands to too many fields and types (named types used many times inside each other grow exponentially).', (name: string, limit: string) => `type ${q(name)} expands to more than ${limit} fields and types; the compiled validator and schemas would be that large`),
  // ── kind-specific rules ──
  E4001: entry('error', 'A Promotion input lacks `cart: { items: list<L>, shipping?: money }` with L having sku, price, qty.', (msg: string) => `a Promotion input needs cart: { items: list<L>, shipping?: money } with L having sku: string, price: money, qty: int; ${msg}`),
  E4002: entry('error', '`itemDiscount` must give exactly one of percent, amount, price.', () => '`itemDiscount` needs exactly one of `percent`, `amount`, `price`'),
  E4003: entry('error', '`limits.perCustomer` is declared without `limits.customer`.', () => '`limits.perCustomer` needs `limits.customer` (the expression giving the customer key)'),
  E4004: entry('error', '`window.from` is not before `window.until`.', () => '`window.from` must be before `window.until`'),
  E4005: entry('error', 'Two rules, meters or tests have the same name.', (what: string, name: string) => `duplicate ${what} name ${q(name)}`),
  E4006: entry('error', 'A Selection `from` is not `<list> as <variable>`.', () => '`from` must be `<list field> as <variable>`, e.g. "products as p"'),
  E4007: entry('error', 'Every tier but the last needs `upTo`, and the last has none.', (msg: string) => msg),
  E4008: entry('error', 'Tier `upTo` values do not increase.', () => 'tier `upTo` values must increase'),
  E4009: entry('error', 'A meter mode lacks its `tiers` or `package`, or has both.', (mode: string, need: string) => `mode ${mode} needs ${need}`),
  E4010: entry('error', 'An unknown IANA timezone.', (tz: string) => `unknown timezone ${q(tz)}: use an IANA zone such as Asia/Shanghai`),
  E4011: entry('error', 'A test overrides a param that the document does not declare.', (name: string) => `unknown param ${q(name)}`),
  E4012: entry('error', '`minimum` is greater than `maximum`.', () => '`minimum` must not be greater than `maximum`'),
  E4013: entry('error', 'A Promotion limit the runtime cannot reserve: `redemptions`, `perCustomer` and `budget` must be computed from number literals and params with `+ - *`, and not be negative.', (what: string, why: string) => `${what} ${why}: the runtime reserves it before any cart is evaluated`),
  // ── warnings ──
  W5001: entry('warning', 'A rule after an unconditional `when: true` under `policy: first` never runs.', (name: string) => `rule ${q(name)} never runs: an earlier rule always matches under policy first`),
  W5002: entry('warning', 'The left side of `??` is never null, so the default is never used.', (t: string) => `the left side of \`??\` is ${t} and never null; the default is never used`),
} as const;

export type Code = keyof typeof CATALOG;
type Args<C extends Code> = Parameters<(typeof CATALOG)[C]['message']>;

/** Build a diagnostic with the catalog's severity and message for `code` at `span`. */
export function report<C extends Code>(code: C, span: Span, ...args: Args<C>): RawDiagnostic {
  const e = CATALOG[code] as Entry;
  return { span: { start: span.start, end: Math.max(span.start, span.end) }, severity: e.severity, code, message: e.message(...(args as string[])) };
}
