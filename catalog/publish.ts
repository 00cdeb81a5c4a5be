// Publishing: the only way code enters the catalog. Compiles rule source on the server and
// registers every document of it in one transaction, or nothing (API.md, POST /v1/publish).
import type { CompiledUnit } from '../compiler/unit.ts';
import type { Diagnostic } from '../dsl/diagnostics/diagnostic.ts';
import type { Field } from '../dsl/types/type.ts';
import { breakingChanges, breakingParamChanges, type BreakingChange, type PreviousParam } from './breaking.ts';
import { storedParams } from './previous-params.ts';
import { compareVersionText, parseSemver } from './semver.ts';
import { ConflictError, type CatalogStore, type NewVersion, type Visibility } from './store.ts';

/** The compile step publishing uses (compiler/index.ts `compileSource`). */
export type CompileFn = (text: string, file: string) => Promise<{ diagnostics: Diagnostic[]; units: CompiledUnit[] }>;

export interface PublishedItem {
  sku: string;
  version: string;
  sourceHash: string;
  status: 'created' | 'unchanged';
}

export type PublishOutcome =
  | { kind: 'diagnostics'; diagnostics: Diagnostic[] }
  | { kind: 'empty' }
  | { kind: 'conflict'; code: 'source-changed' | 'breaking-change' | 'sku-taken' | 'duplicate-version'; sku: string; version: string; message: string; changes?: BreakingChange[] }
  | { kind: 'published'; created: boolean; items: PublishedItem[] };

function toNewVersion(unit: CompiledUnit, owner: string, visibility: Visibility | undefined): NewVersion {
  const v = parseSemver(unit.manifest.version)!;
  const vis = visibility ?? 'private';
  const f = unit.files;
  return {
    sku: { id: unit.sku, owner, kind: unit.manifest.kind, name: unit.manifest.name, visibility: vis },
    setVisibility: visibility !== undefined,
    version: {
      sku: unit.sku, version: unit.manifest.version, major: v.major, minor: v.minor, patch: v.patch,
      kind: unit.manifest.kind, title: unit.manifest.title, description: unit.document.metadata.description ?? null,
      source: unit.document.source, sourceHash: unit.manifest.sourceHash,
      module: f['executor.js'], typescript: f['executor.ts'], declarations: f['executor.d.ts'],
      inputSchema: f['input.schema.json'], paramsSchema: f['params.schema.json'], outputSchema: f['output.schema.json'],
      manifest: f['manifest.json'], inputType: JSON.stringify(unit.document.input), visibility: vis, owner,
    },
  };
}

/**
 * Compiles `text` and publishes every document in it for `owner`, all or nothing.
 * The same version with the same source is a no-op; with another source it is a conflict; a
 * version whose input type or params break the previous version of its major is a `breaking-change`.
 *
 * @example
 * const out = await publishSource(store, compileSource, { text, file: 'promo.yaml', owner: 'acme' });
 */
export async function publishSource(
  store: CatalogStore,
  compile: CompileFn,
  req: { text: string; file: string; owner: string; visibility?: Visibility },
): Promise<PublishOutcome> {
  const { diagnostics, units } = await compile(req.text, req.file);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) return { kind: 'diagnostics', diagnostics: errors };
  if (units.length === 0) return { kind: 'empty' };
  for (let attempt = 0; ; attempt++) {
    const planned = await plan(store, units, req.owner);
    if (planned.kind !== 'ok') return planned.conflict;
    const fresh = units.filter((_, i) => planned.statuses[i] === 'created');
    try {
      if (fresh.length) await store.insertVersions(fresh.map((u) => toNewVersion(u, req.owner, req.visibility)));
    } catch (e) {
      // Another publish of the same version won the race: decide again against what it wrote.
      if (e instanceof ConflictError && attempt === 0) continue;
      if (e instanceof ConflictError) return { kind: 'conflict', code: 'source-changed', sku: units[0]!.sku, version: units[0]!.manifest.version, message: e.message };
      throw e;
    }
    const items = units.map((u, i) => ({ sku: u.sku, version: u.manifest.version, sourceHash: u.manifest.sourceHash, status: planned.statuses[i]! }));
    return { kind: 'published', created: fresh.length > 0, items };
  }
}

type Plan = { kind: 'ok'; statuses: ('created' | 'unchanged')[] } | { kind: 'conflict'; conflict: Extract<PublishOutcome, { kind: 'conflict' }> };

async function plan(store: CatalogStore, units: CompiledUnit[], owner: string): Promise<Plan> {
  const conflict = (code: Extract<PublishOutcome, { kind: 'conflict' }>['code'], u: CompiledUnit, message: string, changes?: BreakingChange[]): Plan => ({
    kind: 'conflict',
    conflict: { kind: 'conflict', code, sku: u.sku, version: u.manifest.version, message, ...(changes ? { changes } : {}) },
  });
  const seen = new Set<string>();
  const statuses: ('created' | 'unchanged')[] = [];
  const existingBySku = new Map<string, { version: string; inputType: Field[]; params: () => PreviousParam[] }[]>();
  for (const u of units) {
    const key = `${u.sku}@${u.manifest.version}`;
    if (seen.has(key)) return conflict('duplicate-version', u, `${u.sku} ${u.manifest.version} appears twice in the source`);
    seen.add(key);
    const sku = await store.getSku(u.sku);
    if (sku && sku.owner !== owner) return conflict('sku-taken', u, `${u.sku} belongs to another tenant`);
    const existing = await store.getVersion(u.sku, u.manifest.version);
    if (existing) {
      if (existing.sourceHash !== u.manifest.sourceHash) {
        return conflict('source-changed', u, `${u.sku} ${u.manifest.version} exists with other source; publish a new version`);
      }
      statuses.push('unchanged');
    } else statuses.push('created');
    if (!existingBySku.has(u.sku)) {
      const rows = sku ? await store.listVersions(u.sku) : [];
      existingBySku.set(u.sku, rows.map((r) => ({ version: r.version, inputType: JSON.parse(r.inputType) as Field[], params: () => storedParams(r) })));
    }
  }
  // Each new version is compared with the version just below it in this major, among the stored
  // versions and the others of this publish.
  for (let i = 0; i < units.length; i++) {
    if (statuses[i] !== 'created') continue;
    const u = units[i]!;
    const pool = [
      ...existingBySku.get(u.sku)!,
      ...units.filter((o, j) => j !== i && o.sku === u.sku && statuses[j] === 'created')
        .map((o) => ({ version: o.manifest.version, inputType: o.document.input, params: () => o.document.params as PreviousParam[] })),
    ];
    const below = pool.filter((p) => compareVersionText(p.version, u.manifest.version) < 0).sort((a, b) => compareVersionText(a.version, b.version));
    const previous = below[below.length - 1];
    if (!previous) continue;
    const inputChanges = breakingChanges(previous.inputType, u.document.input);
    const paramChanges = breakingParamChanges(previous.params(), u.document.params);
    const changes = [...inputChanges, ...paramChanges];
    if (changes.length) {
      const what = [inputChanges.length ? 'input' : '', paramChanges.length ? 'params' : ''].filter(Boolean).join(' and ');
      return conflict('breaking-change', u, `${u.sku} ${u.manifest.version} breaks the ${what} of ${previous.version}; publish it as a new major`, changes);
    }
  }
  return { kind: 'ok', statuses };
}
