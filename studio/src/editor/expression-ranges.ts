// Finds where the DSL lives inside the YAML: which scalar values are expressions, which are
// templates with `${...}` parts, which are types (SPEC section 1 says which is which).
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, Scalar, type Node as YamlNode } from 'yaml';

export type RangeMode = 'expression' | 'template' | 'type';

/** A stretch of the file text holding DSL of one mode. */
export interface DslRange {
  from: number;
  to: number;
  mode: RangeMode;
}

const templateKeys = new Set(['message', 'customer', 'to', 'code']);
const literalSpecKeys = new Set(['class', 'policy', 'combinesWith', 'window', 'rounding', 'currency']);
const literalLeafKeys = new Set(['name', 'mode', 'upTo', 'size']);

/** The mode of the scalar at a path in a document, or null when it is plain YAML data. */
export function modeOfPath(path: (string | number)[]): RangeMode | null {
  const [top, ...rest] = path;
  if (top === 'let' || top === 'params') return rest.length === 1 ? 'expression' : null;
  if (top === 'types' || top === 'input') return 'type';
  if (top !== 'spec' || rest.length === 0) return null;
  if (typeof rest[0] === 'string' && literalSpecKeys.has(rest[0])) return null;
  const last = [...rest].reverse().find((k) => typeof k === 'string');
  if (typeof last !== 'string') return 'expression';
  if (last === 'sku' && rest.includes('gift')) return 'template';
  if (templateKeys.has(last)) return 'template';
  if (literalLeafKeys.has(last)) return null;
  return 'expression';
}

/** Every DSL range of a rule file, in order. Broken YAML yields the ranges that could be read. */
export function findDslRanges(source: string): DslRange[] {
  const ranges: DslRange[] = [];
  let docs;
  try {
    docs = parseAllDocuments(source);
  } catch {
    return ranges;
  }
  if (!Array.isArray(docs)) return ranges;
  for (const doc of docs) walk(doc.contents as YamlNode | null, [], ranges);
  return ranges;
}

function walk(node: YamlNode | null | undefined, path: (string | number)[], out: DslRange[]): void {
  if (!node) return;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? String(pair.key.value) : null;
      if (key === null) continue;
      walk(pair.value as YamlNode | null, [...path, key], out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => walk(item as YamlNode | null, [...path, i], out));
  } else if (isScalar(node)) {
    const mode = modeOfPath(path);
    if (!mode || !node.range) return;
    let [from, to] = node.range;
    if (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) {
      from += 1;
      to -= 1;
    } else if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
      return; // block scalars are rare for expressions; leave them uncoloured rather than guess
    }
    if (to > from) out.push({ from, to, mode });
  }
}
