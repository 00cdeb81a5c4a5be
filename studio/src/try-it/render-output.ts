// Renders an executor's output the way a merchant reads it: a Promotion as a receipt (lines with
// their discounts, totals, gifts, coupons, messages), a Selection as a table, a PricingTier as a bill.
import { h } from '../dom.ts';

const reasons: Record<string, string> = {
  window: 'the promotion is outside its time window',
  condition: 'the promotion’s condition does not hold for this cart',
  'no-rule': 'no rule’s “when” holds for this cart',
};

/** Explains why a promotion did not apply, in words. */
export function reasonText(reason: unknown): string {
  return typeof reason === 'string' ? reasons[reason] ?? reason : 'unknown reason';
}

function money(value: unknown): string {
  return value === null || value === undefined ? '—' : String(value);
}

function table(headers: string[], rows: (string | Node)[][], numeric: boolean[] = []): HTMLTableElement {
  return h('table', { class: 'data' },
    h('thead', null, h('tr', null, headers.map((x, i) => h('th', { scope: 'col', class: numeric[i] ? 'num' : null }, x)))),
    h('tbody', null, rows.map((r) => h('tr', null, r.map((cell, i) => h('td', { class: numeric[i] ? 'num' : null }, cell))))),
  );
}

function summaryRow(label: string, value: string, cls?: string): HTMLElement {
  return h('div', { class: `sum-row ${cls ?? ''}` }, h('span', null, label), h('span', { class: 'num' }, value));
}

function renderPromotion(o: any): HTMLElement {
  const lines: any[] = Array.isArray(o.lines) ? o.lines : [];
  const gifts: any[] = Array.isArray(o.gifts) ? o.gifts : [];
  const coupons: any[] = Array.isArray(o.coupons) ? o.coupons : [];
  const messages: any[] = Array.isArray(o.messages) ? o.messages : [];
  const shipping = o.shipping ?? {};
  return h('div', { class: 'receipt' },
    o.applied
      ? h('p', { class: 'banner good' }, '✔ Applied: ', h('strong', null, (o.rules ?? []).join(', ') || 'yes'))
      : h('p', { class: 'banner neutral' }, 'Not applied: ', reasonText(o.reason)),
    messages.length ? h('ul', { class: 'messages', 'aria-label': 'Messages for the shopper' }, messages.map((m) => h('li', null, h('span', { class: 'tag' }, 'Message'), String(m)))) : null,
    table(['Item', 'Qty', 'Unit price', 'Discount', 'Line total'],
      lines.map((l) => [String(l.sku), String(l.qty), money(l.price), l.discount && l.discount !== '0.00' ? `−${l.discount}` : '0.00', money(l.total)]),
      [false, true, true, true, true]),
    h('div', { class: 'sums' },
      summaryRow('Subtotal', money(o.subtotal)),
      summaryRow('Discount', o.discount && o.discount !== '0.00' ? `−${o.discount}` : '0.00', 'discount'),
      shipping.free ? summaryRow('Shipping', 'free') : shipping.discount && shipping.discount !== '0.00' ? summaryRow('Shipping discount', `−${shipping.discount}`) : null,
      summaryRow('Total', money(o.total), 'total'),
    ),
    gifts.length ? h('div', { class: 'extras' }, h('h4', null, 'Gifts'), h('ul', null, gifts.map((g) => h('li', null, `${g.qty} × ${g.sku}, free`)))) : null,
    coupons.length ? h('div', { class: 'extras' }, h('h4', null, 'Coupons issued'), h('ul', null, coupons.map((c) =>
      h('li', null, `${c.amount} to ${c.to}`, c.code ? ` (code ${c.code})` : '', c.expiresIn ? `, expires in ${c.expiresIn}` : '')))) : null,
    o.points ? h('p', null, h('span', { class: 'tag' }, 'Points'), `${o.points} loyalty points`) : null,
    o.limits ? h('p', { class: 'muted' }, 'Reserves at redemption: ',
      [o.limits.redemptions != null ? `${o.limits.redemptions} redemption` : null, o.limits.customer != null ? `customer ${o.limits.customer}` : null, o.limits.budget != null ? `budget ${o.limits.budget}` : null].filter(Boolean).join(', ')) : null,
  );
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function renderSelection(o: any): HTMLElement {
  const items: any[] = Array.isArray(o.items) ? o.items : [];
  const columns = [...new Set(items.flatMap((i) => (i && typeof i === 'object' ? Object.keys(i) : ['value'])))];
  return h('div', null,
    h('p', { class: 'banner neutral' }, `${o.total ?? items.length} match${o.total === 1 ? '' : 'es'}, showing ${items.length}`),
    table(['#', ...columns], items.map((item, i) => [String(i + 1), ...columns.map((c) => cell(item && typeof item === 'object' ? item[c] : item))])),
  );
}

function renderPricing(o: any): HTMLElement {
  const meters: any[] = Array.isArray(o.meters) ? o.meters : [];
  return h('div', null,
    table(['Meter', 'Quantity', 'Tiers used', `Amount (${o.currency ?? ''})`],
      meters.map((m) => [String(m.name), String(m.quantity), (m.tiers ?? []).map((t: any) => `#${t.index + 1}: ${t.quantity} → ${t.amount}`).join('; ') || '—', money(m.amount)]),
      [false, true, false, true]),
    h('div', { class: 'sums' },
      summaryRow('Subtotal', money(o.subtotal)),
      summaryRow('Multiplier', money(o.multiplier)),
      summaryRow(`Total ${o.currency ?? ''}`, money(o.total), 'total'),
    ),
  );
}

/** The merchant's view of an output, chosen by the document kind (or the output's shape). */
export function renderOutput(output: any, kind: string | null): HTMLElement {
  if (!output || typeof output !== 'object') return h('p', null, cell(output));
  if (kind === 'Promotion' || 'applied' in output) return renderPromotion(output);
  if (kind === 'Selection' || 'items' in output) return renderSelection(output);
  if (kind === 'PricingTier' || 'meters' in output) return renderPricing(output);
  return h('pre', null, JSON.stringify(output, null, 2));
}
