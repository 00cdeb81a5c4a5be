// Version choice for one call (API.md "Routing a call"): the canary goes to callers that ask for it
// with `X-Canary: true`, to the listed tenants, to the listed channels (`X-Channel`), and to the
// tenants whose stable bucket falls below `percent`; everyone else gets the stable version.
import type { Rollout } from '../../../catalog/store.ts';
import { rolloutBucket } from './bucket.ts';

export interface VersionChoice {
  version: string;
  canary: boolean;
}

/**
 * Chooses the version to run. Without a rollout the latest published version is stable.
 *
 * @example
 * chooseVersion(rollout, '1.1.0', { tenantId: 'acme', sku, canaryHeader: null, channel: 'app' })
 */
export function chooseVersion(
  rollout: Rollout | null,
  latest: string,
  call: { tenantId: string; sku: string; canaryHeader: string | null | undefined; channel: string | null | undefined },
): VersionChoice {
  const stable = rollout?.stable ?? latest;
  const canary = rollout?.canary;
  if (!canary) return { version: stable, canary: false };
  const chosen =
    call.canaryHeader?.toLowerCase() === 'true' ||
    canary.tenants.includes(call.tenantId) ||
    (!!call.channel && canary.channels.includes(call.channel)) ||
    rolloutBucket(call.tenantId, call.sku) < Math.round(canary.percent * 100);
  return chosen ? { version: canary.version, canary: true } : { version: stable, canary: false };
}
