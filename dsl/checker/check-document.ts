// Checks one YAML document of a rule file end to end: frame schema, named types, input,
// the top-level namespace (input, params, lets), the kind-specific spec and the tests; builds
// the CheckedDocument when nothing is wrong.
import { isScalar, type Node, type Scalar } from 'yaml';
import type { Expr, Span } from '../ast.ts';
import type { RawDiagnostic } from '../diagnostics/diagnostic.ts';
import { report } from '../diagnostics/codes.ts';
import type { YamlDocument } from '../frame/read-yaml.ts';
import { scalarLocator, scalarText } from '../frame/scalar-map.ts';
import { validateFrame } from '../frame/validate.ts';
import { nodeToJson } from '../frame/yaml-json.ts';
import type { CheckedDocument, DocumentKind } from '../model.ts';
import { parseExpression, parseType } from '../parser/index.ts';
import { T, type Field, type Type } from '../types/type.ts';
import { DocContext } from './doc-context.ts';
import { checkPricing } from './pricing.ts';
import { checkPromotion, promotionLineType } from './promotion.ts';
import { TypeResolver, type TypeDecl } from './resolve-types.ts';
import { predefinedNames, Scope, type TopBinding } from './scope.ts';
import { checkSelection } from './selection.ts';
import { readTests } from './tests.ts';

type Json = Record<string, unknown>;

/** The most nodes a named type may expand to (E3013); real catalogs' types have a few hundred. */
const MAX_TYPE_EXPANSION = 5000;

const PREFIX: Record<DocumentKind, string> = { Promotion: 'promo', Selection: 'select', PricingTier: 'price' };

const knownZones = new Map<string, boolean>();

/** Whether Intl knows the zone (cached: constructing a DateTimeFormat costs about a millisecond). */
function validTimezone(tz: string): boolean {
  let ok = knownZones.get(tz);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      ok = true;
    } catch {
      ok = false;
    }
    if (knownZones.size < 1000) knownZones.set(tz, ok);
  }
  return ok;
}

/** Check one document; `document` is set only when there is no error. Never throws. */
export function checkDocument(y: YamlDocument, text: string, file: string): { diagnostics: RawDiagnostic[]; document?: CheckedDocument } {
  if (y.diagnostics.length > 0 || !y.doc) return { diagnostics: y.diagnostics };
  const root = y.doc.contents as Node;
  let value: unknown;
  try {
    value = nodeToJson(root, y.doc, text);
  } catch (e) {
    const start = (root as Node | null)?.range?.[0] ?? y.span.start;
    return { diagnostics: [report('E1001', { start, end: start + 1 }, e instanceof Error ? e.message : String(e))] };
  }
  const frame = validateFrame(value, y.doc, y.span);
  if (frame.length > 0 && !frame.every((d) => SHAPE_PRESERVING.has(d.code))) return { diagnostics: frame };
  const ctx = new DocContext(text, y.doc, root);
  try {
    const document = checkFrame(ctx, value as Json, y, file);
    // After frame errors the document is never built, but its expressions are still reported.
    if (frame.length > 0) return { diagnostics: [...frame, ...ctx.diagnostics] };
    return ctx.hasErrors() || !document ? { diagnostics: ctx.diagnostics } : { diagnostics: ctx.diagnostics, document };
  } catch (e) {
    // With frame errors, a checker tripping over the odd shape adds nothing: the frame errors say it.
    if (frame.length > 0) return { diagnostics: frame };
    // A checker bug must not crash `rulemart check`; report it where the document starts.
    ctx.report(report('E1008', { start: y.span.start, end: y.span.start }, 'internal checker error', String(e)));
    return { diagnostics: ctx.diagnostics };
  }
}

/**
 * Frame errors that leave every required part of the document in the shape the checker reads:
 * an unknown key (E1003) or a text of the wrong format (E1007: name, version, rate, currency).
 * With only these, type checking goes on, so one run reports the typo'd key and the type error
 * three lines below it together. Any other frame error stops at the frame.
 */
const SHAPE_PRESERVING = new Set(['E1003', 'E1007']);

function checkFrame(ctx: DocContext, v: Json, y: YamlDocument, file: string): CheckedDocument | undefined {
  const kind = v.kind as DocumentKind;
  const meta = v.metadata as Json;
  const timezone = typeof meta.timezone === 'string' ? meta.timezone : 'UTC';
  if (!validTimezone(timezone)) ctx.report(report('E4010', ctx.span(ctx.node(['metadata', 'timezone'])), timezone));

  // Named types and the input.
  const decls: TypeDecl[] = [];
  for (const e of ctx.entries(['types'])) {
    const expr = ctx.typeExpr(e.node);
    if (expr) decls.push({ name: e.key, nameSpan: e.keySpan, expr });
  }
  const resolver = new TypeResolver(decls, ctx.diagnostics);
  resolver.checkExpansion(MAX_TYPE_EXPANSION);
  const input: Field[] = [];
  const top = new Map<string, TopBinding>();
  const predefined = predefinedNames(kind);
  const declare = (name: string, span: Span, binding: TopBinding): boolean => {
    if (predefined.has(name)) { ctx.report(report('E3010', span, name)); return false; }
    if (top.has(name)) { ctx.report(report('E3003', span, name)); return false; }
    top.set(name, binding);
    return true;
  };
  let inputSize = 0;
  for (const e of ctx.entries(['input'])) {
    const te = ctx.typeExpr(e.node);
    const optional = e.key.endsWith('?');
    const name = optional ? e.key.slice(0, -1) : e.key;
    let type = te ? resolver.resolve(te) : T.error;
    if (optional && type.kind !== 'error') type = T.optional(type);
    // An input field written inline can still hold many copies of big named types, and so can many
    // fields together: each field, and the whole input, stay within the limit.
    const fieldSize = resolver.expandedSize(type, MAX_TYPE_EXPANSION);
    inputSize += fieldSize;
    if (!ctx.hasErrors() && (fieldSize > MAX_TYPE_EXPANSION || inputSize > MAX_TYPE_EXPANSION)) ctx.report(report('E3013', e.keySpan, name, String(MAX_TYPE_EXPANSION)));
    if (declare(name, e.keySpan, { ref: 'input', type, order: input.length })) input.push({ name, type });
  }

  // Params: "<type> = <default>".
  const params: { name: string; type: Type; default?: Expr; span: Span; node: Node }[] = [];
  for (const e of ctx.entries(['params'])) {
    const node = e.node as Scalar;
    const src = isScalar(node) ? scalarText(ctx.text, node) : '';
    const eq = src.indexOf('=');
    if (eq < 0) { ctx.report(report('E1010', ctx.span(node), e.key)); continue; }
    const locate = scalarLocator(ctx.text, node);
    const typeParsed = parseType(src.slice(0, eq), locate);
    ctx.diagnostics.push(...typeParsed.diagnostics);
    const defParsed = parseExpression(src.slice(eq + 1), (o, isEnd) => locate(eq + 1 + o, isEnd));
    ctx.diagnostics.push(...defParsed.diagnostics);
    const type = typeParsed.type ? resolver.resolve(typeParsed.type) : T.error;
    if (declare(e.key, e.keySpan, { ref: 'param', type, order: params.length })) {
      params.push({ name: e.key, type, default: defParsed.expr, span: { start: e.keySpan.start, end: ctx.span(node).end }, node });
    }
  }

  // Lets are declared up front so that a use of a later one gets a precise message.
  const letEntries = ctx.entries(['let']);
  const letBindings: TopBinding[] = [];
  letEntries.forEach((e, i) => {
    const b: TopBinding = { ref: 'let', type: T.error, order: i };
    if (declare(e.key, e.keySpan, b)) letBindings[i] = b;
  });

  const base = new Scope(top, predefined);
  params.forEach((p, i) => {
    if (!p.default) return;
    const scope = base.restrict((name, b, span) => (b?.ref === 'param' && b.order < i ? undefined : report('E3012', span, name)));
    ctx.checker.expect(p.default, p.type, `the default of param \`${p.name}\``, scope);
  });
  const lets: CheckedDocument['lets'] = [];
  letEntries.forEach((e, i) => {
    const expr = ctx.expr(e.node);
    if (!expr) return;
    const scope = base.restrict((name, b, span) => (b?.ref === 'let' && b.order >= i ? report('E3004', span, name) : undefined));
    const t = ctx.checker.check(expr, scope);
    if (letBindings[i]) letBindings[i].type = t;
    lets.push({ name: e.key, expr, span: { start: e.keySpan.start, end: ctx.span(e.node).end } });
  });

  const spec = v.spec as Json;
  let checkedSpec: CheckedDocument['spec'] | undefined;
  if (kind === 'Promotion') {
    const line = promotionLineType(ctx, input);
    checkedSpec = checkPromotion(ctx, spec, line ?? T.error, base);
  } else if (kind === 'Selection') checkedSpec = checkSelection(ctx, spec, base);
  else checkedSpec = checkPricing(ctx, spec, base);

  const tests = readTests(ctx, new Set(params.map((p) => p.name)));
  if (!checkedSpec || ctx.hasErrors()) return undefined;

  const billing = (v.billing ?? {}) as Json;
  const rate = typeof billing.rateLimit === 'string' ? /^(\d+)\/(s|m|h|d)$/.exec(billing.rateLimit) : null;
  return {
    file,
    index: y.index,
    source: y.source,
    span: y.span,
    kind,
    sku: `${PREFIX[kind]}:${String(meta.name)}:v${String(meta.version).split('.')[0]}`,
    metadata: {
      name: String(meta.name),
      version: String(meta.version),
      ...(typeof meta.title === 'string' ? { title: meta.title } : {}),
      ...(typeof meta.description === 'string' ? { description: meta.description } : {}),
      ...(meta.labels ? { labels: meta.labels as Record<string, string> } : {}),
      timezone,
    },
    billing: {
      tier: (billing.tier as CheckedDocument['billing']['tier']) ?? 'basic',
      ...(rate ? { rateLimit: { count: Number(rate[1]), per: rate[2] as 's', text: billing.rateLimit as string } } : {}),
      quotaScope: (billing.quotaScope as CheckedDocument['billing']['quotaScope']) ?? 'tenant',
      ...(typeof billing.plan === 'string' ? { plan: billing.plan } : {}),
    },
    types: resolver.namedTypes(),
    input,
    params: params.map((p) => ({ name: p.name, type: p.type, default: p.default!, span: p.span })),
    lets,
    spec: checkedSpec,
    tests,
  };
}
