// Identifiers of the generated client: every component and every SKU gets its own, whatever
// else the server lists, so one tenant's SKU can never break or take over another's name.
import { createHash } from 'node:crypto';

/**
 * Gives each of `originals` a distinct identifier. Each keeps `spell(original)` when no other
 * original (nor a `reserved` name) spells the same; otherwise every one that collides gets
 * `_` and the first hex digits of its own sha256, so the suffix depends only on the original
 * and publishing another SKU can never move a name onto a different SKU (docs/runtime.md).
 *
 * @example uniqueNames(['promo:a:v1'], (s) => s.replace(/\W/g, ''), new Set()).get('promo:a:v1') // 'promoav1'
 */
export function uniqueNames(originals: Iterable<string>, spell: (original: string) => string, reserved: ReadonlySet<string>): Map<string, string> {
  const list = [...new Set(originals)].sort();
  const byName = new Map<string, string[]>();
  for (const o of list) {
    const n = spell(o);
    byName.set(n, [...(byName.get(n) ?? []), o]);
  }
  const plain = new Map<string, string>();
  const clashing: string[] = [];
  for (const [n, os] of byName) {
    if (os.length === 1 && !reserved.has(n)) plain.set(os[0]!, n);
    else clashing.push(...os);
  }
  for (let digits = 6; ; digits += 2) {
    const out = new Map(plain);
    for (const o of clashing) out.set(o, `${spell(o)}_${createHash('sha256').update(o).digest('hex').slice(0, digits)}`);
    const taken = new Set(out.values());
    if (taken.size === out.size && ![...taken].some((n) => reserved.has(n))) return out;
    if (digits >= 64) throw new Error('uniqueNames: cannot tell the names apart');
  }
}
