// The SLA tier table of API.md: monthly quota, latency threshold and credit rule per tier, with the
// defaults and the validation of an operator's change (admin endpoint or JSON file).

/** One SLA tier. Percent and ratio are decimal strings so money math stays exact. */
export interface SlaTier {
  name: string;
  /** Calls per month; null = unlimited. */
  monthlyQuota: number | null;
  /** A call slower than this (strictly) counts against the SLA. */
  latencyMs: number;
  /** Credit as a percent of the price of the slow calls ("15"); null = no credit. */
  creditPercent: string | null;
  /** Credit applies only when slow calls exceed this share of the month's calls ("0.005"). */
  creditOverRatio: string;
}

/** Tiers by name. */
export type SlaTierTable = Record<string, SlaTier>;

/** The defaults of API.md. */
export const DEFAULT_SLA_TIERS: SlaTierTable = {
  bronze: { name: 'bronze', monthlyQuota: 100_000, latencyMs: 500, creditPercent: null, creditOverRatio: '0.005' },
  silver: { name: 'silver', monthlyQuota: 1_000_000, latencyMs: 200, creditPercent: '15', creditOverRatio: '0.005' },
  gold: { name: 'gold', monthlyQuota: null, latencyMs: 100, creditPercent: '15', creditOverRatio: '0.005' },
};

const DECIMAL = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;
const NAME = /^[a-z][a-z0-9-]{0,31}$/;

/**
 * Checks an operator's tier (e.g. the body of `PUT /admin/sla-tiers/{name}`), returning the tier or
 * the list of `{ path, message }` problems. Missing fields take the current tier's value.
 */
export function parseSlaTier(
  name: string,
  body: unknown,
  current?: SlaTier,
): { ok: true; tier: SlaTier } | { ok: false; errors: { path: string; message: string }[] } {
  const errors: { path: string; message: string }[] = [];
  if (!NAME.test(name)) errors.push({ path: '/name', message: 'expected a tier name like "silver"' });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, errors: [{ path: '', message: 'expected an object' }] };
  }
  const b = body as Record<string, unknown>;
  for (const k of Object.keys(b)) {
    if (!['monthlyQuota', 'latencyMs', 'creditPercent', 'creditOverRatio', 'name', 'effectiveFrom'].includes(k)) {
      errors.push({ path: `/${k}`, message: 'unknown field' });
    }
  }
  const pick = <K extends keyof SlaTier>(k: K): unknown => (k in b ? b[k] : current?.[k]);
  const quota = pick('monthlyQuota');
  const latency = pick('latencyMs');
  let credit = pick('creditPercent');
  let ratio = pick('creditOverRatio') ?? '0.005';
  if (quota !== null && !(Number.isSafeInteger(quota) && (quota as number) >= 0)) {
    errors.push({ path: '/monthlyQuota', message: 'expected a non-negative integer or null (unlimited)' });
  }
  if (!(Number.isSafeInteger(latency) && (latency as number) > 0)) {
    errors.push({ path: '/latencyMs', message: 'expected a positive integer' });
  }
  if (typeof credit === 'number') credit = String(credit);
  if (typeof ratio === 'number') ratio = String(ratio);
  if (credit !== null && credit !== undefined && !(typeof credit === 'string' && DECIMAL.test(credit) && Number(credit) <= 100)) {
    errors.push({ path: '/creditPercent', message: 'expected a decimal percent between 0 and 100, or null' });
  }
  if (!(typeof ratio === 'string' && DECIMAL.test(ratio) && Number(ratio) <= 1)) {
    errors.push({ path: '/creditOverRatio', message: 'expected a decimal between 0 and 1' });
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    tier: {
      name,
      monthlyQuota: quota as number | null,
      latencyMs: latency as number,
      creditPercent: (credit as string | null | undefined) ?? null,
      creditOverRatio: ratio as string,
    },
  };
}

/**
 * Reads a JSON file's content `{ "<tier>": { monthlyQuota, latencyMs, creditPercent, creditOverRatio } }`
 * (`RULEMART_SLA_TIERS`) into a table over the defaults.
 */
export function parseSlaTierFile(text: string): { ok: true; table: SlaTierTable } | { ok: false; errors: { path: string; message: string }[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [{ path: '', message: `invalid JSON: ${(e as Error).message}` }] };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, errors: [{ path: '', message: 'expected an object of tiers' }] };
  }
  const table: SlaTierTable = { ...DEFAULT_SLA_TIERS };
  const errors: { path: string; message: string }[] = [];
  for (const [name, body] of Object.entries(json)) {
    const r = parseSlaTier(name, body, DEFAULT_SLA_TIERS[name]);
    if (r.ok) table[name] = r.tier;
    else errors.push(...r.errors.map((e) => ({ path: `/${name}${e.path}`, message: e.message })));
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, table };
}
