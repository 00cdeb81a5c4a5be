// The mapping of a `rollouts` row to a Rollout, shared by the SQLite and PostgreSQL stores: both
// dialects store the canary's tenants and channels as JSON text in the same columns.
import type { Rollout } from './store.ts';

/** A `rollouts` row as either dialect's drizzle table returns it. */
export interface RolloutRow {
  sku: string;
  stable: string;
  canaryVersion: string | null;
  canaryPercent: number | null;
  canaryTenants: string | null;
  canaryChannels: string | null;
  updatedAt: string;
}

/** Turns a stored rollout row into the store's Rollout (canary null when none is set). */
export function rolloutFromRow(row: RolloutRow): Rollout {
  return {
    sku: row.sku,
    stable: row.stable,
    canary: row.canaryVersion
      ? {
          version: row.canaryVersion,
          percent: row.canaryPercent ?? 0,
          tenants: JSON.parse(row.canaryTenants ?? '[]') as string[],
          channels: JSON.parse(row.canaryChannels ?? '[]') as string[],
        }
      : null,
    updatedAt: row.updatedAt,
  };
}
