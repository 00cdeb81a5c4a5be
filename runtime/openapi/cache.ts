// The OpenAPI document per viewer and server URL, built once per catalog version: kept until the
// catalog cache's version moves (every publish and rollout invalidates a SKU, here or, in scale-out
// mode, on another instance), so /openapi.json and /docs no longer query every SKU on each request.
import type { CatalogStore } from '../../catalog/store.ts';
import { buildOpenApi } from './document.ts';

type OpenApiDocument = Awaited<ReturnType<typeof buildOpenApi>>;

interface Entry {
  version: number;
  doc: OpenApiDocument;
  /** The document's JSON text, made on first use. */
  json?: string;
  /** The /docs page, made on first use. */
  html?: string;
}

/** Most (viewer, server URL) pairs kept; the server URL comes from the Host header, so it is bounded. */
const MAX_ENTRIES = 1000;

/**
 * A cache of OpenAPI documents in front of {@link buildOpenApi}.
 *
 * @example
 * const docs = new OpenApiCache(store, () => cache.catalogVersion());
 * const text = await docs.json(viewer, origin);
 */
export class OpenApiCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly store: CatalogStore,
    /** The catalog cache's version: it moves on every invalidation of a SKU. */
    private readonly version: () => number,
  ) {}

  /** The document's JSON text for this viewer (null: public SKUs only) and server URL. */
  async json(viewer: string | null, serverUrl: string): Promise<string> {
    const e = await this.entry(viewer, serverUrl);
    return (e.json ??= JSON.stringify(e.doc));
  }

  /** The /docs page for this viewer and server URL, rendered by `render` once per document. */
  async html(viewer: string | null, serverUrl: string, render: (doc: OpenApiDocument) => string): Promise<string> {
    const e = await this.entry(viewer, serverUrl);
    return (e.html ??= render(e.doc));
  }

  private async entry(viewer: string | null, serverUrl: string): Promise<Entry> {
    const key = `${viewer ?? ''}\u0000${serverUrl}`;
    const version = this.version();
    const hit = this.entries.get(key);
    if (hit && hit.version === version) return hit;
    const entry: Entry = { version, doc: await buildOpenApi(this.store, { viewer, serverUrl }) };
    // A build that raced with an invalidation is answered but not kept.
    if (this.version() === version) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(key, entry);
    }
    return entry;
  }
}
