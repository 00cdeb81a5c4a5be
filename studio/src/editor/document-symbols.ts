// What the editor knows about the rule documents being typed, read from the YAML text itself
// (no server round trip): names for completion, tests for the try-it panel, rules for the trace.
import { parseAllDocuments } from 'yaml';
import { parseTypeText, typeFromYaml, type TypeRef } from './type-text.ts';

/** A test case from a document's `tests:` (SPEC section 7), as plain JSON values. */
export interface DocumentTest {
  name: string;
  input: unknown;
  params?: Record<string, unknown>;
  now?: string;
  expect: unknown;
}

/** The outline of one document of the file. */
export interface DocumentSymbols {
  /** Offsets of the document in the file text: [start, end). */
  range: [number, number];
  kind: string | null;
  name: string | null;
  version: string | null;
  title: string | null;
  types: Record<string, TypeRef>;
  input: Record<string, TypeRef>;
  params: Record<string, TypeRef>;
  lets: string[];
  rules: string[];
  policy: string | null;
  tests: DocumentTest[];
}

function isMap(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function text(value: unknown): string | null {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

/** Reads every document of a rule file. Broken YAML gives what could be read, never an exception. */
export function readDocuments(source: string): DocumentSymbols[] {
  let docs;
  try {
    docs = parseAllDocuments(source);
  } catch {
    return [];
  }
  if (!Array.isArray(docs)) return [];
  const result: DocumentSymbols[] = [];
  for (const doc of docs) {
    let js: unknown;
    try {
      js = doc.toJS({ maxAliasCount: 100 });
    } catch {
      js = null;
    }
    const range: [number, number] = [doc.range[0], doc.range[2]];
    result.push(symbolsOf(isMap(js) ? js : {}, range));
  }
  return result;
}

function symbolsOf(js: Record<string, unknown>, range: [number, number]): DocumentSymbols {
  const metadata = isMap(js.metadata) ? js.metadata : {};
  const spec = isMap(js.spec) ? js.spec : {};
  const types: Record<string, TypeRef> = {};
  if (isMap(js.types)) for (const [name, t] of Object.entries(js.types)) types[name] = typeFromYaml(t);
  const input: Record<string, TypeRef> = {};
  if (isMap(js.input)) for (const [name, t] of Object.entries(js.input)) input[name] = typeFromYaml(t);
  const params: Record<string, TypeRef> = {};
  if (isMap(js.params)) {
    for (const [name, declaration] of Object.entries(js.params)) {
      const typeText = typeof declaration === 'string' ? declaration.split('=')[0]!.trim() : '';
      params[name] = parseTypeText(typeText);
    }
  }
  const rules = Array.isArray(spec.rules)
    ? spec.rules.map((rule, i) => (isMap(rule) && typeof rule.name === 'string' ? rule.name : `rule-${i + 1}`))
    : [];
  const tests = Array.isArray(js.tests)
    ? js.tests.filter(isMap).map((t, i) => ({
        name: text(t.name) ?? `test ${i + 1}`,
        input: t.input ?? {},
        params: isMap(t.params) ? t.params : undefined,
        now: t.now === undefined || t.now === null ? undefined : String(t.now),
        expect: t.expect,
      }))
    : [];
  return {
    range,
    kind: text(js.kind),
    name: text(metadata.name),
    version: text(metadata.version),
    title: text(metadata.title),
    types,
    input,
    params,
    lets: isMap(js.let) ? Object.keys(js.let) : [],
    rules,
    policy: text(spec.policy),
    tests,
  };
}

/** The document that holds an offset (the last one when the offset is past the end). */
export function documentAt(docs: DocumentSymbols[], offset: number): DocumentSymbols | null {
  return docs.find((d) => offset >= d.range[0] && offset <= d.range[1]) ?? docs[docs.length - 1] ?? null;
}
