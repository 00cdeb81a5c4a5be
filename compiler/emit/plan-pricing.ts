// The PricingTier-specific fields of a plan: currency and meters with their tiers or package.
// `upTo` and package sizes are literal decimals, hoisted as constants.
import type { PricingMeter, PricingSpec } from '../../dsl/model.ts';
import type { EmitContext } from './context.ts';
import { lit } from './literal.ts';
import { envFn, objectLiteral, optEnvFn } from './plan.ts';

/** `[key, code]` pairs for the PricingPlan fields beyond PlanBase. */
export function pricingFields(spec: PricingSpec, ctx: EmitContext): [string, string][] {
  return [
    ['currency', lit(spec.currency)],
    ['meters', `[\n${spec.meters.map((m) => `    ${emitMeter(m, ctx)},`).join('\n')}\n  ]`],
    ['multiplier', optEnvFn(spec.multiplier, ctx)],
    ['minimum', optEnvFn(spec.minimum, ctx)],
    ['maximum', optEnvFn(spec.maximum, ctx)],
  ];
}

function emitMeter(m: PricingMeter, ctx: EmitContext): string {
  const tiers = m.tiers.map(
    (t) =>
      `{ upTo: ${t.upTo === undefined ? 'null' : ctx.hoist.decimal(t.upTo)}, unit: ${envFn(t.unit, ctx)}, flat: ${optEnvFn(t.flat, ctx)} }`,
  );
  const pkg = m.package ? `{ size: ${ctx.hoist.decimal(m.package.size)}, price: ${envFn(m.package.price, ctx)} }` : 'null';
  return objectLiteral(
    [
      ['name', lit(m.name)],
      ['quantity', envFn(m.quantity, ctx)],
      ['mode', lit(m.mode)],
      ['tiers', `[${tiers.join(', ')}]`],
      ['package', pkg],
    ],
    '    ',
  );
}
