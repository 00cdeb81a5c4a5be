// The params of a stored version, for the breaking-change check of the next publish. The catalog
// stores the input type but no params type, so the version's stored source (what was compiled)
// is checked again; if it no longer checks, the params schema still gives the names.
import { checkSource } from '../dsl/index.ts';
import type { PreviousParam } from './breaking.ts';
import type { VersionRecord } from './store.ts';

/** The declared params of a stored version (types known when its source still checks). */
export function storedParams(row: Pick<VersionRecord, 'sku' | 'version' | 'source' | 'paramsSchema'>): PreviousParam[] {
  const { documents } = checkSource(row.source, `${row.sku}@${row.version}`);
  const doc = documents.find((d) => d.sku === row.sku && d.metadata.version === row.version);
  if (doc) return doc.params.map((p) => ({ name: p.name, type: p.type }));
  try {
    const schema = JSON.parse(row.paramsSchema) as { properties?: Record<string, unknown> } | null;
    return Object.keys(schema?.properties ?? {}).map((name) => ({ name }));
  } catch {
    return [];
  }
}
