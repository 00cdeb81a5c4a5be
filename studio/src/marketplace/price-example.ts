// The price plan of a SKU with a worked example: the plan (a PricingTier document) is run by the
// server on a sample month of usage, so the merchant sees what a realistic month would cost,
// computed exactly as the invoice will be.
import { api } from '../api-client.ts';
import { errorBox, h, replace } from '../dom.ts';

/** The example month a plan is priced on. */
export const exampleUsage = { calls: 50_000, responseKB: '25000' };

/** Where a SKU detail names its plan and (when the server includes it) the plan's source. */
export function planOf(detail: any): { name: string | null; sku: string | null; source: string | null } {
  const plan = detail?.pricePlan ?? detail?.plan ?? detail?.billing?.plan ?? null;
  if (!plan) return { name: null, sku: null, source: null };
  if (typeof plan === 'string') return { name: plan, sku: null, source: null };
  return { name: plan.name ?? plan.sku ?? null, sku: plan.sku ?? null, source: typeof plan.source === 'string' ? plan.source : null };
}

async function planSource(plan: { sku: string | null; source: string | null; name: string | null }): Promise<string | null> {
  if (plan.source) return plan.source;
  const id = plan.sku ?? (plan.name ? `price:${plan.name}:v1` : null);
  if (!id) return null;
  try {
    const detail = await api.sku(id);
    const latest = Array.isArray(detail?.versions) ? detail.versions[detail.versions.length - 1] : null;
    return detail?.source ?? latest?.source ?? null;
  } catch {
    return null;
  }
}

/** The price plan section: its name, then the worked example per SLA tier. */
export function renderPricePlan(detail: any): HTMLElement {
  const plan = planOf(detail);
  const box = h('div', { class: 'price-example', 'aria-live': 'polite' });
  if (!plan.name && !plan.source) {
    replace(box, h('p', null, 'No price plan: calls to this SKU are not charged.'));
    return box;
  }
  replace(box, h('p', null, 'Price plan ', h('code', null, plan.name ?? plan.sku ?? ''), '. Working out an example…'));
  void (async () => {
    const source = await planSource(plan);
    if (!source) {
      replace(box, h('p', null, 'Price plan ', h('code', null, plan.name ?? plan.sku ?? ''), '. Its tiers are not public, so no example can be worked out here.'));
      return;
    }
    try {
      const rows = await Promise.all((['bronze', 'silver', 'gold'] as const).map(async (sla) => {
        const preview = await api.preview({ source, input: { usage: exampleUsage, sla } });
        return { sla, output: preview.output };
      }));
      replace(box,
        h('p', null, 'Price plan ', h('code', null, plan.name ?? plan.sku ?? ''), `: a month of ${exampleUsage.calls.toLocaleString('en')} calls and ${Number(exampleUsage.responseKB).toLocaleString('en')} KB of responses costs`),
        h('table', { class: 'data' },
          h('thead', null, h('tr', null, ['SLA tier', 'Meters', 'Total'].map((x) => h('th', { scope: 'col' }, x)))),
          h('tbody', null, rows.map((r) => h('tr', null,
            h('td', null, r.sla),
            h('td', null, (r.output?.meters ?? []).map((m: any) => `${m.name}: ${m.quantity} → ${m.amount}`).join('; ')),
            h('td', { class: 'num' }, h('strong', null, `${r.output?.total ?? '?'} ${r.output?.currency ?? ''}`)))))),
      );
    } catch (error) {
      replace(box, errorBox(error));
    }
  })();
  return box;
}
