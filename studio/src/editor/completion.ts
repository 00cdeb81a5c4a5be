// Completion of the DSL while typing: input fields (following `.` through object and list
// types), params, lets, macro variables, functions, list macros, string methods and keywords.
import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { documentAt, readDocuments, type DocumentSymbols } from './document-symbols.ts';
import { dslConstants, dslFunctions, dslKeywords, dslListMethods, dslStringMethods } from './dsl-tokens.ts';
import { resolveType, typeLabel, type TypeRef } from './type-text.ts';

const identifierChain = /(?:[\p{L}_][\p{L}\p{N}_]*\.)*[\p{L}_][\p{L}\p{N}_]*\.?$|[\p{L}_][\p{L}\p{N}_]*$|\.$/u;
const macroBinding = /((?:[\p{L}_][\p{L}\p{N}_]*\.)*[\p{L}_][\p{L}\p{N}_]*)\.(filter|map|any|all|count|sum|min|max|first)\(\s*([\p{L}_][\p{L}\p{N}_]*)\s*,/gu;

/** The names in scope at a position: top-level names and macro variables bound on the line. */
export function scopeAt(doc: DocumentSymbols, lineBefore: string): Record<string, TypeRef> {
  const scope: Record<string, TypeRef> = { ...doc.input, ...doc.params };
  for (const name of doc.lets) scope[name] ??= { kind: 'unknown' };
  scope.now = { kind: 'primitive', name: 'timestamp' };
  if (doc.kind === 'Promotion') scope.subtotal = { kind: 'primitive', name: 'money' };
  for (const m of lineBefore.matchAll(macroBinding)) {
    const receiver = typeOfChain(m[1]!.split('.'), scope, doc.types);
    scope[m[3]!] = receiver.kind === 'list' ? resolveType(receiver.element, doc.types) : { kind: 'unknown' };
  }
  // `from: products as p` binds p in a Selection.
  const from = /^\s*from:\s*([\p{L}_][\p{L}\p{N}_.]*)\s+as\s+([\p{L}_][\p{L}\p{N}_]*)/mu.exec(lineBefore);
  if (from) {
    const list = typeOfChain(from[1]!.split('.'), scope, doc.types);
    scope[from[2]!] = list.kind === 'list' ? resolveType(list.element, doc.types) : { kind: 'unknown' };
  }
  return scope;
}

/** The type of `a.b.c` in a scope; `unknown` when any step is not known. */
export function typeOfChain(chain: string[], scope: Record<string, TypeRef>, named: Record<string, TypeRef>): TypeRef {
  let type = scope[chain[0]!] ? resolveType(scope[chain[0]!]!, named) : ({ kind: 'unknown' } as TypeRef);
  for (const step of chain.slice(1)) {
    type = type.kind === 'object' && type.fields[step] ? resolveType(type.fields[step]!, named) : { kind: 'unknown' };
  }
  return type;
}

/** The completions after `receiver.` for the receiver's type. */
export function memberCompletions(type: TypeRef): Completion[] {
  const methods = (table: Record<string, string>, kind: string): Completion[] =>
    Object.entries(table).map(([label, detail]) => ({ label, detail, type: kind, apply: label === 'size' ? 'size()' : label }));
  if (type.kind === 'object') return Object.entries(type.fields).map(([label, t]) => ({ label, detail: typeLabel(t), type: 'property' }));
  if (type.kind === 'list') return methods(dslListMethods, 'method');
  if (type.kind === 'primitive' && type.name === 'string') return methods(dslStringMethods, 'method');
  if (type.kind === 'enum') return methods(dslStringMethods, 'method');
  if (type.kind === 'unknown') return [...methods(dslListMethods, 'method'), ...methods(dslStringMethods, 'method')];
  return [];
}

/** The completions for a bare name: everything in scope, functions, keywords. */
export function nameCompletions(scope: Record<string, TypeRef>, doc: DocumentSymbols): Completion[] {
  const options: Completion[] = [];
  for (const [label, type] of Object.entries(scope)) {
    const kind = label in doc.params ? 'param' : label in doc.input ? 'input' : doc.lets.includes(label) ? 'let' : 'variable';
    options.push({ label, detail: [kind, typeLabel(type)].filter(Boolean).join(' · '), type: 'variable', boost: 2 });
  }
  for (const [label, detail] of Object.entries(dslFunctions)) options.push({ label, detail, type: 'function' });
  for (const label of dslKeywords) options.push({ label, type: 'keyword', boost: -1 });
  for (const label of dslConstants) if (!(label in scope)) options.push({ label, type: 'constant', boost: -1 });
  return options;
}

/** The CodeMirror completion source for rule YAML. */
export function dslCompletion(context: CompletionContext): CompletionResult | null {
  const line = context.state.doc.lineAt(context.pos);
  const before = line.text.slice(0, context.pos - line.from);
  // Complete only in a value: after `key: ` or a list dash, not while writing YAML keys.
  if (!/:\s|^\s*-\s/.test(before) && !context.explicit) return null;
  const match = identifierChain.exec(before);
  if (!match && !context.explicit) return null;
  const source = context.state.doc.toString();
  const doc = documentAt(readDocuments(source), context.pos);
  if (!doc) return null;
  const scope = scopeAt(doc, source.slice(doc.range[0], context.pos));
  const typed = match?.[0] ?? '';
  const dot = typed.lastIndexOf('.');
  if (dot >= 0) {
    const receiver = typeOfChain(typed.slice(0, dot).split('.'), scope, doc.types);
    return { from: context.pos - (typed.length - dot - 1), options: memberCompletions(receiver), validFor: /^[\p{L}\p{N}_]*$/u };
  }
  if (!typed && !context.explicit) return null;
  return { from: context.pos - typed.length, options: nameCompletions(scope, doc), validFor: /^[\p{L}\p{N}_]*$/u };
}
