// The price plan of a SKU with a worked example: the server prices an example month under the plan
// that will bill the SKU (GET /v1/skus/{sku} `pricePlan.example`, computed by the invoice's own
// pricer), once per SLA tier, so a buyer sees what a month would cost without the plan's source.
import { h } from '../dom.ts';

interface ExampleRow { sla: string; currency: string | null; total: string | null; error?: string; meters: { name?: string; quantity?: string | number; amount?: string }[] }
interface Example { usage: { calls: number; responseKB: string }; plan: { sku: string | null; version: string | null }; tiers: ExampleRow[] }

/** The plan's name as the page shows it: the `billing.plan`, or the default plan's SKU. */
function planLabel(plan: any): string {
  if (plan?.name) return plan.name;
  return plan?.example?.plan?.sku ? `${plan.example.plan.sku} (the default plan)` : 'the default plan';
}

/** The price plan section: the plan's name, then the example month per SLA tier. */
export function renderPricePlan(detail: any): HTMLElement {
  const plan = detail?.pricePlan ?? null;
  const example: Example | null = plan?.example ?? null;
  const box = h('div', { class: 'price-example', 'aria-live': 'polite' });
  if (!example) {
    box.append(h('p', null, 'Price plan ', h('code', null, planLabel(plan)), '. No example could be worked out for it.'));
    return box;
  }
  const kb = Number(example.usage.responseKB).toLocaleString('en');
  box.append(
    h('p', null, 'Price plan ', h('code', null, planLabel(plan)),
      `: a month of ${example.usage.calls.toLocaleString('en')} calls and ${kb} KB of responses costs`),
    h('table', { class: 'data' },
      h('thead', null, h('tr', null, ['SLA tier', 'Meters', 'Total'].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', null, example.tiers.map((r) => h('tr', null,
        h('td', null, r.sla),
        h('td', null, r.meters.map((m) => `${m.name}: ${m.quantity} → ${m.amount}`).join('; ')),
        h('td', { class: 'num' }, r.total === null ? h('span', { class: 'muted', title: r.error ?? '' }, 'not priced by this plan') : h('strong', null, `${r.total} ${r.currency}`)))))),
  );
  return box;
}
