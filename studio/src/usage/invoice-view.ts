// The invoice of a month (`GET /v1/invoices/{YYYY-MM}`): one line per SKU and SLA tier with its
// calls, amount, SLA credit and total, then the totals per currency.
import { h } from '../dom.ts';

/** The current month in UTC as `YYYY-MM`. */
export function currentMonth(now = new Date()): string {
  return now.toISOString().slice(0, 7);
}

/**
 * Rounds a decimal string half-up to `digits` fraction digits, on the digits themselves (no
 * binary floating point): `0.3720703125` -> `0.37`. Text that is not a plain decimal is kept.
 */
export function roundDecimalText(text: string, digits: number): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return text;
  const [, sign, whole, fraction = ''] = m;
  if (fraction.length <= digits) return text.trim();
  const keep = BigInt(whole + fraction.slice(0, digits)) + (Number(fraction[digits]) >= 5 ? 1n : 0n);
  const padded = keep.toString().padStart(digits + 1, '0');
  const out = digits ? `${padded.slice(0, -digits)}.${padded.slice(-digits)}` : padded;
  return /^[0.]+$/.test(out) ? out : sign + out;
}

/** Renders an invoice (billing/invoice.ts `Invoice`). */
export function renderInvoice(invoice: any): HTMLElement {
  const lines: any[] = Array.isArray(invoice?.lines) ? invoice.lines : [];
  const totals: any[] = Array.isArray(invoice?.totals) ? invoice.totals : [];
  if (lines.length === 0) return h('p', { class: 'muted' }, `No billable calls in ${invoice?.period ?? 'this month'} yet.`);
  const num = (v: unknown) => h('td', { class: 'num' }, v === null || v === undefined ? '—' : String(v));
  return h('div', { class: 'invoice' },
    h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
      h('caption', null, `Invoice ${invoice?.period ?? ''} for ${invoice?.tenant ?? 'your shop'}`),
      h('thead', null, h('tr', null, ['SKU', 'SLA', 'Calls', 'Response KB', 'Amount', 'SLA credit', 'Total'].map((x, i) => h('th', { scope: 'col', class: i >= 2 ? 'num' : null }, x)))),
      h('tbody', null, lines.map((l) => l.error ? h('tr', { class: 'unpriced' },
        h('td', null, h('code', null, String(l.sku))),
        h('td', null, String(l.sla)),
        num(l.calls),
        h('td', { class: 'num' }, roundDecimalText(String(l.responseKB ?? ''), 2)),
        h('td', { colspan: 3, role: 'alert' }, `Not priced: ${String(l.error)}`),
      ) : h('tr', null,
        h('td', null, h('code', null, String(l.sku))),
        h('td', null, String(l.sla)),
        num(l.calls),
        h('td', { class: 'num', title: `${l.responseKB} KB` }, roundDecimalText(String(l.responseKB ?? ''), 2)),
        num(`${l.amount} ${l.currency ?? ''}`),
        h('td', { class: 'num', title: l.slowCalls ? `${l.slowCalls} calls slower than ${l.latencyThresholdMs} ms` : undefined },
          l.credit && l.credit !== '0.00' && l.credit !== '0' ? `−${l.credit}` : '0.00',
          l.slowCalls ? h('small', { class: 'muted' }, ` (${l.slowCalls} slow)`) : null),
        num(`${l.total} ${l.currency ?? ''}`),
      ))),
      h('tfoot', null, totals.map((t) => h('tr', null,
        h('th', { scope: 'row', colspan: 4 }, `Total ${t.currency}`),
        num(t.amount), num(t.credit && t.credit !== '0.00' ? `−${t.credit}` : '0.00'), h('td', { class: 'num' }, h('strong', null, `${t.total} ${t.currency}`))))),
    )),
  );
}
