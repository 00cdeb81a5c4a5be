// Static rules of a PricingTier (SPEC section 6): meter quantities are int or decimal; every
// tier but the last has an increasing literal `upTo`; tier and package prices are numeric
// expressions (priced as money); multiplier is int or decimal; minimum/maximum are money.
import type { Expr } from '../ast.ts';
import { report } from '../diagnostics/codes.ts';
import type { PricingMeter, PricingSpec, Rounding } from '../model.ts';
import { T, type Type } from '../types/type.ts';
import type { DocContext, Path } from './doc-context.ts';
import type { Scope } from './scope.ts';

type Json = Record<string, unknown>;

const POSITIVE_DECIMAL = /^(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;

/** Compares two non-negative decimal literals exactly (no floating point). */
export function compareDecimalText(a: string, b: string): number {
  const [ai, af = ''] = a.split('.');
  const [bi, bf = ''] = b.split('.');
  const ia = ai.replace(/^0+(?=\d)/, '');
  const ib = bi.replace(/^0+(?=\d)/, '');
  if (ia.length !== ib.length) return ia.length < ib.length ? -1 : 1;
  if (ia !== ib) return ia < ib ? -1 : 1;
  const n = Math.max(af.length, bf.length);
  const fa = af.padEnd(n, '0');
  const fb = bf.padEnd(n, '0');
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}

function exprAt(ctx: DocContext, path: Path, to: Type, where: string, scope: Scope): Expr | undefined {
  const node = ctx.node(path);
  if (!node) return undefined;
  const e = ctx.expr(node);
  if (e) ctx.checker.expect(e, to, where, scope);
  return e;
}

/** A positive literal number (`upTo`, package `size`) as its exact text, or undefined (reported). */
function literalAt(ctx: DocContext, path: Path, where: string): string | undefined {
  const node = ctx.node(path);
  const text = ctx.sourceText(node);
  if (text === undefined || !POSITIVE_DECIMAL.test(text) || /^0+(\.0+)?$/.test(text)) {
    ctx.report(report('E1012', ctx.span(node), where));
    return undefined;
  }
  return text;
}

/** Checks `spec` of a PricingTier. */
export function checkPricing(ctx: DocContext, spec: Json, scope: Scope): PricingSpec {
  const meters: PricingMeter[] = [];
  const names = new Set<string>();
  ((spec.meters as Json[]) ?? []).forEach((m, i) => {
    const p: Path = ['spec', 'meters', i];
    const name = String(m.name);
    if (names.has(name)) ctx.report(report('E4005', ctx.span(ctx.node([...p, 'name'])), 'meter', name));
    names.add(name);
    const quantity = exprAt(ctx, [...p, 'quantity'], T.decimal, `the quantity of meter \`${name}\``, scope);
    const mode = m.mode as PricingMeter['mode'];
    const modeSpan = ctx.span(ctx.node([...p, 'mode']));
    const tiers: PricingMeter['tiers'] = [];
    let pkg: PricingMeter['package'];
    if (mode === 'package') {
      if (!m.package || m.tiers) ctx.report(report('E4009', modeSpan, 'package', '`package: { size, price }` and no `tiers`'));
      if (m.package) {
        const size = literalAt(ctx, [...p, 'package', 'size'], '`package.size`');
        const price = exprAt(ctx, [...p, 'package', 'price'], T.money, '`package.price`', scope);
        if (size && price) pkg = { size, price };
      }
    } else {
      if (!m.tiers || m.package) ctx.report(report('E4009', modeSpan, mode, '`tiers` and no `package`'));
      const list = (m.tiers as Json[]) ?? [];
      let previous: string | undefined;
      list.forEach((tier, j) => {
        const tp: Path = [...p, 'tiers', j];
        const last = j === list.length - 1;
        let upTo: string | undefined;
        if (tier.upTo !== undefined) {
          if (last) ctx.report(report('E4007', ctx.span(ctx.node([...tp, 'upTo'])), 'the last tier must not have `upTo`: it prices everything above the previous tier'));
          else {
            upTo = literalAt(ctx, [...tp, 'upTo'], '`upTo`');
            if (upTo && previous && compareDecimalText(upTo, previous) <= 0) ctx.report(report('E4008', ctx.span(ctx.node([...tp, 'upTo']))));
            if (upTo) previous = upTo;
          }
        } else if (!last) ctx.report(report('E4007', ctx.span(ctx.node(tp)), 'every tier but the last needs `upTo`'));
        const unit = exprAt(ctx, [...tp, 'unit'], T.money, '`unit`', scope);
        const flat = tier.flat !== undefined ? exprAt(ctx, [...tp, 'flat'], T.money, '`flat`', scope) : undefined;
        if (unit) tiers.push({ ...(upTo !== undefined && !last ? { upTo } : {}), unit, ...(flat ? { flat } : {}) });
      });
    }
    if (quantity) meters.push({ name, quantity, mode, tiers, ...(pkg ? { package: pkg } : {}) });
  });
  const multiplier = exprAt(ctx, ['spec', 'multiplier'], T.decimal, '`multiplier`', scope);
  const minimum = exprAt(ctx, ['spec', 'minimum'], T.money, '`minimum`', scope);
  const maximum = exprAt(ctx, ['spec', 'maximum'], T.money, '`maximum`', scope);
  if (minimum?.kind === 'number' && maximum?.kind === 'number' && !minimum.text.startsWith('-') && !maximum.text.startsWith('-')
    && compareDecimalText(minimum.text, maximum.text) > 0) {
    ctx.report(report('E4012', minimum.span));
  }
  return {
    kind: 'PricingTier',
    currency: String(spec.currency),
    meters,
    ...(multiplier ? { multiplier } : {}),
    ...(minimum ? { minimum } : {}),
    ...(maximum ? { maximum } : {}),
    rounding: (spec.rounding as Rounding) ?? 'half-up',
  };
}
