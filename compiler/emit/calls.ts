// Global functions (round, floor, ceil, abs, min, max, hour, weekday, date, timestamp) and
// methods on strings and lists (size, lower, upper, startsWith, endsWith, contains).
import type { Call, Expr, MethodCall } from '../../dsl/ast.ts';
import { T } from '../../dsl/types/type.ts';
import { CompileError, isDecKind, typeOf, unwrap } from '../type-helpers.ts';
import type { EmitContext } from './context.ts';
import { emitExpr } from './expression.ts';
import { lit } from './literal.ts';

const ROUNDING_MODES = ['half-up', 'half-even', 'down', 'up'];

/** JavaScript for a global function call. */
export function emitCall(e: Call, ctx: EmitContext): string {
  const type = typeOf(e);
  const kind = unwrap(type).kind;
  const args = e.args;
  switch (e.callee) {
    case 'round':
    case 'floor':
    case 'ceil':
      return emitRounding(e, ctx);
    case 'abs': {
      const x = args[0]!;
      return isDecKind(typeOf(x)) ? `decAbs(${emitExpr(x, ctx)})` : `Math.abs(${emitExpr(x, ctx)})`;
    }
    case 'min':
    case 'max': {
      if (args.length === 0) throw new CompileError(`${e.callee}() needs arguments`, e.span);
      if (kind === 'decimal' || kind === 'money') {
        const fn = e.callee === 'min' ? 'decMin' : 'decMax';
        return args.map((a) => emitExpr(a, ctx, T.decimal)).reduce((acc, a) => `${fn}(${acc}, ${a})`);
      }
      if (kind === 'int' || kind === 'timestamp' || kind === 'duration') return `Math.${e.callee}(${args.map((a) => emitExpr(a, ctx)).join(', ')})`;
      // Strings (and enums) order by UTF-16 code units, like `<` on them.
      return `cxExtreme([${args.map((a) => emitExpr(a, ctx)).join(', ')}], ${e.callee === 'max'})`;
    }
    case 'hour':
      return `timeHour(${emitExpr(args[0]!, ctx)}, ${ctx.timezone})`;
    case 'weekday':
      return `timeWeekday(${emitExpr(args[0]!, ctx)}, ${ctx.timezone})`;
    case 'date':
      return `timeDate(${emitExpr(args[0]!, ctx)}, ${ctx.timezone})`;
    case 'timestamp':
      return `cxTimestamp(${emitExpr(args[0]!, ctx)})`;
    default:
      throw new CompileError(`unknown function ${JSON.stringify(e.callee)}`, e.calleeSpan);
  }
}

/**
 * round/floor/ceil. On an int they are the identity (round with negative digits excepted); on
 * decimal and money they round with the runtime; a result typed int is turned back into a number.
 * `round(x)` without digits rounds money to cents and other numbers to whole units, by the
 * document's rounding unless a mode is given.
 */
function emitRounding(e: Call, ctx: EmitContext): string {
  const [x, digitsArg, modeArg] = e.args as [Expr, Expr?, Expr?];
  const xType = unwrap(typeOf(x));
  const resultKind = unwrap(typeOf(e)).kind;
  if (xType.kind === 'int' && e.callee !== 'round') return emitExpr(x, ctx);
  if (xType.kind === 'int' && !digitsArg) return emitExpr(x, ctx);
  const value = emitExpr(x, ctx, T.decimal);
  let rounded: string;
  if (e.callee === 'round') {
    const digits = digitsArg ? emitExpr(digitsArg, ctx) : xType.kind === 'money' ? '2' : '0';
    let mode = ctx.rounding;
    if (modeArg) {
      if (modeArg.kind === 'string') {
        if (!ROUNDING_MODES.includes(modeArg.value)) throw new CompileError(`unknown rounding mode ${JSON.stringify(modeArg.value)}`, modeArg.span);
        mode = lit(modeArg.value);
      } else {
        mode = `cxMode(${emitExpr(modeArg, ctx)})`;
      }
    }
    rounded = `decRound(${value}, ${digits}, ${mode})`;
  } else {
    rounded = `${e.callee === 'floor' ? 'decFloor' : 'decCeil'}(${value})`;
  }
  return resultKind === 'int' ? `decToInt(${rounded})` : rounded;
}

/** JavaScript for a method call without a bound variable. */
export function emitMethod(e: MethodCall, ctx: EmitContext): string {
  const object = emitExpr(e.object, ctx);
  const objectKind = unwrap(typeOf(e.object)).kind;
  const arg = (i: number) => emitExpr(e.args[i]!, ctx);
  switch (e.name) {
    case 'size':
      return objectKind === 'string' ? `cxSize(${object})` : `${object}.length`;
    case 'lower':
      return `${object}.toLowerCase()`;
    case 'upper':
      return `${object}.toUpperCase()`;
    case 'startsWith':
      return `${object}.startsWith(${arg(0)})`;
    case 'endsWith':
      return `${object}.endsWith(${arg(0)})`;
    case 'contains':
      return `cxCharge(${object}).includes(${arg(0)})`;
    default:
      throw new CompileError(`unknown method ${JSON.stringify(e.name)}`, e.nameSpan);
  }
}
