// manifest.json of a compiled executor (SPEC section 8): identity, billing metadata, the sha256 of
// the document's source text and the compiler version.
import { createHash } from 'node:crypto';
import type { CheckedDocument } from '../dsl/model.ts';
import type { Manifest } from './unit.ts';
import { compilerVersion } from './version.ts';

/** sha256 (hex) of a document's own source text. */
export function sourceHash(doc: CheckedDocument): string {
  return createHash('sha256').update(doc.source, 'utf8').digest('hex');
}

/** The manifest of one checked document, keys in the order of SPEC section 8. */
export function buildManifest(doc: CheckedDocument): Manifest {
  return {
    sku: doc.sku,
    kind: doc.kind,
    name: doc.metadata.name,
    version: doc.metadata.version,
    title: doc.metadata.title ?? null,
    billing: {
      tier: doc.billing.tier,
      rateLimit: doc.billing.rateLimit?.text ?? null,
      quotaScope: doc.billing.quotaScope,
      plan: doc.billing.plan ?? null,
    },
    sourceHash: sourceHash(doc),
    compilerVersion: compilerVersion(),
  };
}

/** The manifest as file text. */
export function manifestText(m: Manifest): string {
  return JSON.stringify(m, null, 2) + '\n';
}
