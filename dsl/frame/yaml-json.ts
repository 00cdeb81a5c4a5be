// Converts a YAML node to a plain JSON value for `tests:` (inputs, params, expectations).
// Numbers: a YAML number stays a JS number when that number prints back as the same decimal
// (0.0005, 12.5, 30); otherwise (more digits than a double holds, exponents, 1e-7, .inf) it
// becomes a string of its exact source text, which decimal/money fields accept.
import { isAlias, isMap, isPair, isScalar, isSeq, visit, type Alias, type Document, type Node } from 'yaml';

const anchorCache = new WeakMap<Document, Map<string, Node[]>>();

/** Resolves an alias to the closest preceding anchor, with a per-document index (yaml's own
 * `Alias.resolve` walks the whole document each time, which alias-heavy files make quadratic). */
function resolveAlias(alias: Alias, doc: Document): unknown {
  let anchors = anchorCache.get(doc);
  if (!anchors) {
    const index = new Map<string, Node[]>();
    visit(doc, {
      Node(_key, node) {
        const name = (node as { anchor?: string }).anchor;
        if (name && !isAlias(node)) index.set(name, [...(index.get(name) ?? []), node as Node]);
      },
    });
    anchors = index;
    anchorCache.set(doc, anchors);
  }
  const at = alias.range?.[0] ?? Infinity;
  const candidates = anchors.get(alias.source) ?? [];
  let found: Node | undefined;
  for (const n of candidates) if ((n.range?.[0] ?? 0) < at) found = n;
  return found ?? null;
}

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

/** Thrown when aliases expand a document beyond `MAX_NODES` (a "billion laughs" file). */
export class DocumentTooLargeError extends Error {}

/** Most JSON nodes a document may expand to through aliases. */
export const MAX_NODES = 100_000;

/**
 * The JSON value of `node` (aliases resolved, at most `depth` levels deep).
 * Throws DocumentTooLargeError when alias expansion exceeds MAX_NODES; nothing else.
 */
export function nodeToJson(node: unknown, doc: Document, text: string, depth = 0, budget = { nodes: 0 }): unknown {
  if (depth > 200) return null;
  if (++budget.nodes > MAX_NODES) throw new DocumentTooLargeError(`the document expands to more than ${MAX_NODES} values (through aliases)`);
  if (isAlias(node)) {
    return nodeToJson(resolveAlias(node, doc), doc, text, depth + 1, budget);
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
      const key = isScalar(item.key) ? String(item.key.value) : String(nodeToJson(item.key, doc, text, depth + 1, budget));
      if (key === '__proto__') continue;
      out[key] = nodeToJson(item.value, doc, text, depth + 1, budget);
    }
    return out;
  }
  if (isSeq(node)) return node.items.map((i) => nodeToJson(i, doc, text, depth + 1, budget));
  return null;
}

/** The node at a path of keys/indices inside `root` (aliases resolved), or undefined. */
export function nodeAt(root: unknown, path: (string | number)[], doc: Document): Node | undefined {
  let cur: unknown = root;
  for (const key of path) {
    if (isAlias(cur)) cur = resolveAlias(cur, doc);
    if (isMap(cur)) {
      const pair = cur.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
      cur = pair?.value;
    } else if (isSeq(cur) && typeof key === 'number') cur = cur.items[key];
    else return undefined;
  }
  if (isAlias(cur)) cur = resolveAlias(cur, doc);
  return (cur ?? undefined) as Node | undefined;
}

/** The key node of `key` inside the mapping at `path`, for errors about a key itself. */
export function keyNodeAt(root: unknown, path: (string | number)[], key: string, doc: Document): Node | undefined {
  const map = nodeAt(root, path, doc);
  if (!isMap(map)) return undefined;
  const pair = map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
  return (pair?.key ?? undefined) as Node | undefined;
}
