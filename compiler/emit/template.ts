// Templates (message, gift.sku, coupon.to, coupon.code, limits.customer): literal text parts as
// escaped string literals, `${expr}` parts as the value's output form (null inserts nothing).
import type { Template } from '../../dsl/ast.ts';
import { typeOf, unwrap } from '../type-helpers.ts';
import type { EmitContext } from './context.ts';
import { emitExpr } from './expression.ts';
import { lit } from './literal.ts';

/** JavaScript for a template: a string concatenation that starts with a string literal. */
export function emitTemplate(t: Template, ctx: EmitContext): string {
  const parts: string[] = [];
  for (const part of t.parts) {
    if (typeof part === 'string') {
      if (part !== '') parts.push(lit(part));
      continue;
    }
    const type = typeOf(part);
    const code = emitExpr(part, ctx);
    const kind = unwrap(type).kind;
    // Each inserted text is charged to the call's work budget: 300 rules printing a big input list
    // would otherwise build a response of rules x input size.
    if (kind === 'string' || kind === 'enum') parts.push(`cxCharge(${code} ?? "")`);
    else parts.push(`cxCharge(valTemplate(${ctx.hoist.type(type)}, ${code}, ${ctx.rounding}))`);
  }
  if (parts.length === 0) return '""';
  // A leading string literal already makes `+` a string concatenation; otherwise start from "".
  const startsWithText = typeof t.parts.find((p) => p !== '') === 'string';
  if (parts.length === 1 && startsWithText) return parts[0]!;
  return startsWithText ? `(${parts.join(' + ')})` : `("" + ${parts.join(' + ')})`;
}
