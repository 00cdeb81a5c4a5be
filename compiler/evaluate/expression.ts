// The reference evaluator: a plain tree-walking interpreter over the typed AST. It must agree
// with the compiled code of compiler/emit/ on every expression (the differential test checks it);
// it takes its decisions from the same static types, through compiler/type-helpers.ts.
import type { Expr, Template } from '../../dsl/ast.ts';
import { T } from '../../dsl/types/type.ts';
import type { Type } from '../../dsl/types/type.ts';
import * as D from '../runtime/decimal.ts';
import { valTemplate } from '../runtime/values.ts';
import * as H from '../prelude/expr.ts';
import { CompileError, isDecKind, literalText, percentToDecimalText, typeOf, unwrap } from '../type-helpers.ts';
import { evalCall, evalMethod } from './calls.ts';
import { convertValue } from './convert.ts';
import { evalMacro } from './macros.ts';
import { evalBinary } from './operators.ts';
import type { Scope } from './scope.ts';

/** The value of `e` in `scope`, converted to `want` when given. */
export function evalExpr(e: Expr, scope: Scope, want?: Type): any {
  const v = evalRaw(e, scope);
  return want ? convertValue(v, typeOf(e), want) : v;
}

function decLiteral(text: string): D.Dec {
  const d = D.decParse(text);
  if (d === null) throw new CompileError(`not a decimal literal: ${text}`);
  return d;
}

function evalRaw(e: Expr, scope: Scope): any {
  const type = typeOf(e);
  switch (e.kind) {
    case 'number':
    {
      // Signed: the parser folds a leading minus into the literal (`-2.5`).
      const text = literalText(e.text);
      if (text === null) throw new CompileError(`not a number literal: ${e.text}`);
      return unwrap(type).kind === 'int' ? Number(text) : decLiteral(text);
    }
    case 'percent':
      return decLiteral(percentToDecimalText(e.text));
    case 'string':
      return e.value;
    case 'bool':
      return e.value;
    case 'null':
      return null;
    case 'duration':
    case 'timestamp':
      return e.ms;
    case 'list': {
      const element = type.kind === 'list' ? type.element : T.error;
      return e.items.map((item) => evalExpr(item, scope, element));
    }
    case 'ident':
      if (e.ref === 'var') return scope.vars.get(e.name);
      return scope.env[e.name];
    case 'member':
      return evalExpr(e.object, scope)[e.name];
    case 'index':
      return H.cxAt(evalExpr(e.object, scope), evalExpr(e.index, scope));
    case 'call':
      return evalCall(e, scope);
    case 'method':
      return evalMethod(e, scope);
    case 'macro':
      return evalMacro(e, scope);
    case 'unary': {
      const v = evalExpr(e.operand, scope);
      if (e.op === 'not') return !v;
      return isDecKind(typeOf(e.operand)) ? D.decNeg(v) : -v;
    }
    case 'binary':
      return evalBinary(e, scope);
    case 'conditional':
      return evalExpr(e.test, scope) ? evalExpr(e.then, scope, type) : evalExpr(e.else, scope, type);
  }
}


export function evalTemplate(t: Template, scope: Scope): string {
  let out = '';
  for (const part of t.parts) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const v = evalExpr(part, scope);
    const kind = unwrap(typeOf(part)).kind;
    out += kind === 'string' || kind === 'enum' ? (v ?? '') : valTemplate(typeOf(part), v, scope.rounding);
  }
  return out;
}
