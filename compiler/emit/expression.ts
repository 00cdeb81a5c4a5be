// Emits one typed expression as JavaScript expression text. Static types decide the code:
// ints, timestamps and durations are numbers, decimals and money go through the runtime's `dec*`
// functions. Document strings appear only through `lit`, identifiers only as `env["name"]` or
// as generated variable names.
import type { Expr } from '../../dsl/ast.ts';
import { T } from '../../dsl/types/type.ts';
import type { Type } from '../../dsl/types/type.ts';
import { CompileError, conversion, isDecKind, literalText, percentToDecimalText, typeOf, unwrap } from '../type-helpers.ts';
import type { EmitContext } from './context.ts';
import { convert } from './convert.ts';
import { lit, prop } from './literal.ts';
import { emitBinary } from './operators.ts';
import { emitCall, emitMethod } from './calls.ts';
import { emitMacro } from './macros.ts';

/** JavaScript for `e`, converted to `want` when given (int -> decimal where a decimal is expected). */
export function emitExpr(e: Expr, ctx: EmitContext, want?: Type): string {
  // An int literal where a decimal is expected is hoisted as a decimal constant, not converted per call.
  if (want && e.kind === 'number' && /^[0-9]+$/.test(e.text) && conversion(typeOf(e), want) === 'int-to-dec') {
    return ctx.hoist.decimal(String(BigInt(e.text)));
  }
  const code = emitRaw(e, ctx);
  return want ? convert(code, typeOf(e), want) : code;
}

function emitRaw(e: Expr, ctx: EmitContext): string {
  const type = typeOf(e);
  switch (e.kind) {
    case 'number':
      return emitNumber(e.text, type, ctx, e.span);
    case 'percent':
      return ctx.hoist.decimal(percentToDecimalText(e.text));
    case 'string':
      return lit(e.value);
    case 'bool':
      return e.value ? 'true' : 'false';
    case 'null':
      return 'null';
    case 'duration':
    case 'timestamp':
      return emitSafeInteger(e.ms, e.span);
    case 'list': {
      const element = type.kind === 'list' ? type.element : T.error;
      return `[${e.items.map((item) => emitExpr(item, ctx, element)).join(', ')}]`;
    }
    case 'ident':
      return emitIdent(e.name, e.ref, ctx, e.span);
    case 'member':
      return prop(`(${emitExpr(e.object, ctx)})`, e.name);
    case 'index':
      return `cxAt(${emitExpr(e.object, ctx)}, ${emitExpr(e.index, ctx)})`;
    case 'call':
      return emitCall(e, ctx);
    case 'method':
      return emitMethod(e, ctx);
    case 'macro':
      return emitMacro(e, ctx);
    case 'unary': {
      const operand = emitExpr(e.operand, ctx);
      if (e.op === 'not') return `(!${operand})`;
      return isDecKind(typeOf(e.operand)) ? `decNeg(${operand})` : `(-${operand})`;
    }
    case 'binary':
      return emitBinary(e, ctx);
    case 'conditional':
      return `(${emitExpr(e.test, ctx)} ? ${emitExpr(e.then, ctx, type)} : ${emitExpr(e.else, ctx, type)})`;
  }
}

function emitNumber(raw: string, type: Type, ctx: EmitContext, span: Expr['span']): string {
  const kind = unwrap(type).kind;
  // The parser folds a leading minus into the literal (`-2.5`), so the text is signed.
  const text = literalText(raw);
  if (kind === 'int') {
    if (text === null || text.includes('.')) throw new CompileError(`int literal ${JSON.stringify(raw)} is not an integer`, span);
    return emitSafeInteger(Number(text), span);
  }
  if (kind === 'decimal' || kind === 'money') {
    if (text === null) throw new CompileError(`bad number literal ${JSON.stringify(raw)}`, span);
    return ctx.hoist.decimal(text);
  }
  throw new CompileError(`number literal typed ${kind}`, span);
}

function emitSafeInteger(n: number, span: Expr['span']): string {
  if (!Number.isSafeInteger(n)) throw new CompileError(`integer ${n} is out of range`, span);
  return n < 0 ? `(${n})` : String(n);
}

function emitIdent(name: string, ref: string | undefined, ctx: EmitContext, span: Expr['span']): string {
  if (ref === 'var') {
    const id = ctx.scope.get(name);
    if (!id) throw new CompileError(`variable ${JSON.stringify(name)} is not bound here`, span);
    return id;
  }
  if (ref === undefined) throw new CompileError(`identifier ${JSON.stringify(name)} was not resolved`, span);
  if (ref === 'now') ctx.uses.now = true;
  return prop(ctx.env, name);
}
