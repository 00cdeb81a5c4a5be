// Which PricingTier prices a SKU's calls: the plan its `billing.plan` names, among the SKU owner's
// OWN PricingTiers only (a name is not an identity: any tenant may publish a public PricingTier of
// any name, and must not be able to re-price another tenant's SKU that way), the highest major that
// already had a version before the moment asked about, at its highest such version. One function
// for the invoice and the SKU detail, so the page shows the plan the invoice uses.
import type { CatalogStore, VersionRecord } from '../catalog/store.ts';

/** The plan version that prices `sku` at `before` (ms), or why none does. */
export type ResolvedPlan =
  | { name: string; sku: string; version: VersionRecord }
  | { name: string | null; sku: null; version: null };

function planName(manifest: string | undefined): string | null {
  try {
    const b = (JSON.parse(manifest ?? '{}') as { billing?: { plan?: unknown } }).billing;
    return typeof b?.plan === 'string' ? b.plan : null;
  } catch {
    return null;
  }
}

const major = (id: string) => Number(id.slice(id.lastIndexOf(':v') + 2));

/**
 * Resolves the plan of `sku` as it stood at `before` (Infinity: now): its `billing.plan` from the
 * SKU's latest version published before then, and the owner's own PricingTier of that name.
 * `{ sku: null }` means the built-in default plan prices it (no plan named, or none published yet).
 * @example const plan = await resolvePlan(store, 'promo:full-reduction:v1', monthEnd);
 */
export async function resolvePlan(store: CatalogStore, sku: string, before: number): Promise<ResolvedPlan> {
  const record = await store.getSku(sku);
  if (!record) return { name: null, sku: null, version: null };
  const versions = await store.listVersions(sku);
  const atEnd = versions.filter((v) => Date.parse(v.createdAt) < before);
  const name = planName((atEnd[atEnd.length - 1] ?? versions[versions.length - 1])?.manifest);
  if (!name) return { name: null, sku: null, version: null };
  const own = (await store.listSkus({ viewer: record.owner, kind: 'PricingTier' }))
    .filter((s) => s.name === name && s.owner === record.owner)
    .sort((a, b) => major(b.id) - major(a.id));
  for (const candidate of own) {
    const published = (await store.listVersions(candidate.id)).filter((v) => Date.parse(v.createdAt) < before);
    const chosen = published[published.length - 1];
    if (chosen) return { name, sku: candidate.id, version: chosen };
  }
  return { name, sku: null, version: null };
}
