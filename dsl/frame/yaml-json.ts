// Converts a YAML node to a plain JSON value for `tests:` (inputs, params, expectations).
// Numbers: a YAML number stays a JS number when that number prints back as the same decimal
// (0.0005, 12.5, 30); otherwise (more digits than a double holds, exponents, 1e-7, .inf) it
// becomes a string of its exact source text, which decimal/money fields accept.
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';

function normalizeDecimal(s: string): string | undefined {
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return undefined;
  const int = m[2].replace(/^0+(?=\d)/, '');
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const sign = m[1] === '-' && !(/^0*$/.test(int) && frac === '') ? '-' : '';
  return `${sign}${int}${frac ? `.${frac}` : ''}`;
}

/** A JSON value for a YAML number's source text: the number when exact, else the text. */
export function exactNumber(source: string, value: number): number | string {
  const src = source.trim();
  const n = normalizeDecimal(src);
  if (n !== undefined && Number.isFinite(value) && normalizeDecimal(String(value)) === n) return value;
  return src;
}

/** The JSON value of `node` (aliases resolved, at most `depth` levels deep). Never throws. */
export function nodeToJson(node: unknown, doc: Document, text: string, depth = 0): unknown {
  if (depth > 200) return null;
  if (isAlias(node)) {
    try {
      return nodeToJson(node.resolve(doc), doc, text, depth + 20);
    } catch {
      return null;
    }
  }
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === 'number') return exactNumber(text.slice(node.range?.[0] ?? 0, node.range?.[1] ?? 0), v);
    if (typeof v === 'bigint') return String(v);
    if (v === undefined) return null;
    if (v instanceof Date) return v.toISOString();
    return v as unknown;
  }
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const key = isScalar(item.key) ? String(item.key.value) : String(nodeToJson(item.key, doc, text, depth + 1));
      if (key === '__proto__') continue;
      out[key] = nodeToJson(item.value, doc, text, depth + 1);
    }
    return out;
  }
  if (isSeq(node)) return node.items.map((i) => nodeToJson(i, doc, text, depth + 1));
  return null;
}

/** The node at a path of keys/indices inside `root` (aliases resolved), or undefined. */
export function nodeAt(root: unknown, path: (string | number)[], doc: Document): Node | undefined {
  let cur: unknown = root;
  for (const key of path) {
    if (isAlias(cur)) cur = cur.resolve(doc);
    if (isMap(cur)) {
      const pair = cur.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
      cur = pair?.value;
    } else if (isSeq(cur) && typeof key === 'number') cur = cur.items[key];
    else return undefined;
  }
  if (isAlias(cur)) cur = cur.resolve(doc);
  return (cur ?? undefined) as Node | undefined;
}

/** The key node of `key` inside the mapping at `path`, for errors about a key itself. */
export function keyNodeAt(root: unknown, path: (string | number)[], key: string, doc: Document): Node | undefined {
  const map = nodeAt(root, path, doc);
  if (!isMap(map)) return undefined;
  const pair = map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
  return (pair?.key ?? undefined) as Node | undefined;
}
