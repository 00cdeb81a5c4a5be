// Loading an executor.js text in this process, synchronously. The module's last two statements
// (`export const executor = ...; export default executor;`) are replaced by a `return`, and the
// body is evaluated with `new Function` in strict mode.
//
// Why this is safe: the text is one this compiler produced from a checked document, and the
// compiler writes every string of a document only as an escaped literal and every identifier as
// `env["name"]` or a generated name (compiler/emit/literal.ts), so the code reaches nothing but
// the runtime library and standard ECMAScript. Never pass text from anyone else: loadExecutor
// checks the shape of the module, not the honesty of its author.
import type { Executor } from './runtime/plan.ts';
import { JS_TAIL } from './emit/header.ts';

/**
 * Loads an `executor.js` text (as written by `compileSource`) and returns its executor.
 * Throws when the text does not end the way compiled executors do.
 */
export function loadExecutor(js: string): Executor<any, any, any> {
  if (typeof js !== 'string' || !js.endsWith(JS_TAIL)) {
    throw new Error('loadExecutor: not an executor.js produced by the rulemart compiler');
  }
  const body = `"use strict";\n${js.slice(0, js.length - JS_TAIL.length)}\nreturn rtMakeExecutor(plan);\n`;
  const executor = new Function(body)() as Executor<any, any, any>;
  return executor;
}
