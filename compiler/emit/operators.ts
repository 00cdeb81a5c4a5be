// Binary operators. The static types of both operands pick the code: JavaScript operators on
// numbers and strings, `dec*` calls on decimals and money (an int operand converted first),
// type-directed equality for lists and objects.
import type { Binary } from '../../dsl/ast.ts';
import { T } from '../../dsl/types/type.ts';
import type { Type } from '../../dsl/types/type.ts';
import { CompileError, isDecKind, isPrimitiveKind, typeOf, unwrap } from '../type-helpers.ts';
import type { EmitContext } from './context.ts';
import { emitExpr } from './expression.ts';

const DEC_ARITH: Record<string, string> = { '+': 'decAdd', '-': 'decSub', '*': 'decMul', '/': 'decDiv', mod: 'decMod' };
const JS_CMP: Record<string, string> = { '<': '<', '<=': '<=', '>': '>', '>=': '>=', '==': '===', '!=': '!==' };

/** JavaScript for a binary expression. */
export function emitBinary(e: Binary, ctx: EmitContext): string {
  const lt = typeOf(e.left);
  const rt = typeOf(e.right);
  const type = typeOf(e);
  switch (e.op) {
    case 'and':
      return `(${emitExpr(e.left, ctx)} && ${emitExpr(e.right, ctx)})`;
    case 'or':
      return `(${emitExpr(e.left, ctx)} || ${emitExpr(e.right, ctx)})`;
    case '??':
      return `(${emitExpr(e.left, ctx, type)} ?? ${emitExpr(e.right, ctx, type)})`;
    case 'in':
      return emitIn(e, ctx);
    case 'notin':
      return `(!${emitIn(e, ctx)})`;
    case '==':
    case '!=':
      return emitEquality(e, lt, rt, ctx);
    case '<':
    case '<=':
    case '>':
    case '>=':
      if (isDecKind(lt) || isDecKind(rt)) {
        return `(decCmp(${emitExpr(e.left, ctx, T.decimal)}, ${emitExpr(e.right, ctx, T.decimal)}) ${e.op} 0)`;
      }
      return `(${emitExpr(e.left, ctx)} ${e.op} ${emitExpr(e.right, ctx)})`;
    default:
      return emitArithmetic(e, type, ctx);
  }
}

function emitArithmetic(e: Binary, type: Type, ctx: EmitContext): string {
  const kind = unwrap(type).kind;
  if (kind === 'decimal' || kind === 'money') {
    const fn = DEC_ARITH[e.op];
    if (!fn) throw new CompileError(`operator ${e.op} on ${kind}`, e.opSpan);
    return `${fn}(${emitExpr(e.left, ctx, T.decimal)}, ${emitExpr(e.right, ctx, T.decimal)})`;
  }
  const l = emitExpr(e.left, ctx);
  const r = emitExpr(e.right, ctx);
  // Joined strings are charged to the work budget (doubling a string in 30 lets is 2^30 characters).
  if (kind === 'string' && e.op === '+') return `cxCharge(${l} + ${r})`;
  if (kind === 'int' && e.op !== 'mod') return `cxInt(${l} ${e.op} ${r})`;
  if (kind === 'int' || kind === 'timestamp' || kind === 'duration') {
    if (e.op === 'mod') return `cxIntMod(${l}, ${r})`;
    if (e.op === '+' || e.op === '-' || e.op === '*') return `(${l} ${e.op} ${r})`;
  }
  throw new CompileError(`operator ${e.op} giving ${kind}`, e.opSpan);
}

function emitEquality(e: Binary, lt: Type, rt: Type, ctx: EmitContext): string {
  const neg = e.op === '!=';
  if (lt.kind === 'null' || rt.kind === 'null') {
    const other = lt.kind === 'null' ? e.right : e.left;
    return `(${emitExpr(other, ctx)} ${neg ? '!=' : '=='} null)`;
  }
  if (isDecKind(lt) || isDecKind(rt)) {
    const want = lt.kind === 'optional' || rt.kind === 'optional' ? T.optional(T.decimal) : T.decimal;
    const eq = `cxEqT(${ctx.hoist.type(want)}, ${emitExpr(e.left, ctx, want)}, ${emitExpr(e.right, ctx, want)})`;
    return neg ? `(!${eq})` : eq;
  }
  if (isPrimitiveKind(lt) && isPrimitiveKind(rt)) {
    return `(${emitExpr(e.left, ctx)} ${JS_CMP[e.op]} ${emitExpr(e.right, ctx)})`;
  }
  const eq = `cxEqT(${ctx.hoist.type(lt)}, ${emitExpr(e.left, ctx)}, ${emitExpr(e.right, ctx)})`;
  return neg ? `(!${eq})` : eq;
}

function emitIn(e: Binary, ctx: EmitContext): string {
  const rt = unwrap(typeOf(e.right));
  if (rt.kind === 'string') return `cxCharge(${emitExpr(e.right, ctx)}).includes(${emitExpr(e.left, ctx)})`;
  if (rt.kind !== 'list') throw new CompileError(`'in' on ${rt.kind}`, e.opSpan);
  const element = rt.element;
  if (isDecKind(element) || isDecKind(typeOf(e.left))) {
    const want = T.optional(T.decimal);
    return `cxInT(${ctx.hoist.type(want)}, ${emitExpr(e.left, ctx, want)}, cxCharge(${emitExpr(e.right, ctx, T.list(want))}))`;
  }
  // A loop the engine inlines into the caller (a macro body, usually) rather than a builtin call.
  if (isPrimitiveKind(element)) return `cxIncludes(cxCharge(${emitExpr(e.right, ctx)}), ${emitExpr(e.left, ctx)})`;
  return `cxInT(${ctx.hoist.type(element)}, ${emitExpr(e.left, ctx)}, cxCharge(${emitExpr(e.right, ctx)}))`;
}
