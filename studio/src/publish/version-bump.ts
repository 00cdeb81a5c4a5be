// Version bumps for publishing: semver arithmetic and rewriting `metadata.version` in the YAML
// text in place, keeping every other character of the merchant's file as it was.
import { isMap, isScalar, parseAllDocuments } from 'yaml';

export type Bump = 'major' | 'minor' | 'patch';

/** The next version: `1.2.3` + minor = `1.3.0`. Null when the text is not MAJOR.MINOR.PATCH. */
export function bumpVersion(version: string, part: Bump): string | null {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version.trim());
  if (!m) return null;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (part === 'major') return `${major + 1}.0.0`;
  if (part === 'minor') return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/** The SKU id of a document (SPEC section 1): `promo:<name>:v<MAJOR>`. */
export function skuOf(kind: string | null, name: string | null, version: string | null): string | null {
  const prefix = kind === 'Promotion' ? 'promo' : kind === 'Selection' ? 'select' : kind === 'PricingTier' ? 'price' : null;
  const major = version ? /^(\d+)\./.exec(version)?.[1] : undefined;
  return prefix && name && major !== undefined ? `${prefix}:${name}:v${major}` : null;
}

/**
 * Rewrites the `metadata.version` of the document that starts at `docStart` to `version`.
 * Returns the new source, or null when that document has no plain version value to replace.
 */
export function setVersionInSource(source: string, docStart: number, version: string): string | null {
  let docs;
  try {
    docs = parseAllDocuments(source);
  } catch {
    return null;
  }
  if (!Array.isArray(docs)) return null;
  const doc = docs.find((d) => d.range[0] === docStart) ?? docs[0];
  const metadata = doc?.get('metadata', true);
  if (!isMap(metadata)) return null;
  const node = metadata.get('version', true);
  if (!isScalar(node) || !node.range) return null;
  const [from, to] = node.range;
  const quoted = /^["']/.test(source.slice(from, to));
  const text = quoted ? `${source[from]}${version}${source[from]}` : version;
  return source.slice(0, from) + text + source.slice(to);
}
