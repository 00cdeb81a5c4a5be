// Usage and billing: calls and latency over time as charts, and this month's invoice.
import { api } from '../api-client.ts';
import { errorBox, field, h, replace } from '../dom.ts';
import { barChart, lineChart } from './charts.ts';
import { currentMonth, renderInvoice } from './invoice-view.ts';
import { bucketsOf, toSeries } from './usage-series.ts';

const ranges = {
  '24h': { label: 'Last 24 hours, by hour', ms: 24 * 3_600_000, granularity: 'hour' as const },
  '7d': { label: 'Last 7 days, by day', ms: 7 * 86_400_000, granularity: 'day' as const },
  '30d': { label: 'Last 30 days, by day', ms: 30 * 86_400_000, granularity: 'day' as const },
};

/** A latency for reading (not money): one decimal under 10 ms, whole milliseconds above. */
export function formatMs(ms: number): string {
  return ms < 10 ? ms.toFixed(1) : String(Math.round(ms));
}

/** The usage and billing screen; `refresh()` reloads charts and invoice. */
export function createUsageScreen(): { element: HTMLElement; refresh(): Promise<void> } {
  const range = h('select', { name: 'range' }, Object.entries(ranges).map(([k, r]) => h('option', { value: k }, r.label)));
  const sku = h('input', { type: 'text', name: 'usage-sku', placeholder: 'all SKUs' });
  const month = h('input', { type: 'month', name: 'month', value: currentMonth() });
  const summary = h('div', { class: 'kpis', 'aria-live': 'polite' });
  const callsChart = h('figure', { class: 'chart-box' });
  const latencyChart = h('figure', { class: 'chart-box' });
  const invoice = h('div', { class: 'invoice-box', 'aria-live': 'polite' });

  const loadUsage = async () => {
    const r = ranges[range.value as keyof typeof ranges] ?? ranges['24h'];
    const to = Date.now() + 60_000;
    const from = to - r.ms;
    try {
      const response = await api.usage({ from: new Date(from).toISOString(), to: new Date(to).toISOString(), granularity: r.granularity, sku: sku.value.trim() || undefined });
      const s = toSeries(bucketsOf(response), from, to, r.granularity);
      const calls = s.calls.reduce((a, b) => a + b, 0);
      const errors = s.errors.reduce((a, b) => a + b, 0);
      const worstP95 = Math.max(0, ...s.p95.filter((v): v is number => v !== null));
      replace(summary,
        h('div', { class: 'kpi' }, h('span', null, 'Calls'), h('strong', { 'data-kpi': 'calls' }, String(calls))),
        h('div', { class: 'kpi' }, h('span', null, 'Errors'), h('strong', null, String(errors))),
        h('div', { class: 'kpi' }, h('span', null, 'Worst p95 latency'), h('strong', null, calls ? `${formatMs(worstP95)} ms` : '—')),
      );
      callsChart.innerHTML = barChart('Calls over time', s.labels, s.calls, 'calls');
      callsChart.append(h('figcaption', null, `Calls (${r.label.toLowerCase()}, UTC)`));
      latencyChart.innerHTML = lineChart('Latency over time', s.labels, [{ name: 'p50', values: s.p50 }, { name: 'p95', values: s.p95 }, { name: 'p99', values: s.p99 }], 'ms');
      latencyChart.append(h('figcaption', null, 'Latency in milliseconds (p50, p95, p99)'));
    } catch (error) {
      replace(summary, errorBox(error));
      replace(callsChart);
      replace(latencyChart);
    }
  };

  const loadInvoice = async () => {
    try {
      replace(invoice, renderInvoice(await api.invoice(month.value || currentMonth())));
    } catch (error) {
      replace(invoice, errorBox(error));
    }
  };

  const refresh = async () => {
    await Promise.all([loadUsage(), loadInvoice()]);
  };

  const element = h('section', { class: 'screen usage', 'aria-labelledby': 'usage-title' },
    h('h2', { id: 'usage-title' }, 'Usage and billing'),
    h('form', { class: 'row filters', onsubmit: (e: Event) => { e.preventDefault(); void refresh(); } },
      field('Period', range), field('SKU', sku), field('Invoice month', month),
      h('div', { class: 'actions end' }, h('button', { type: 'submit', class: 'primary' }, 'Refresh')),
    ),
    summary,
    h('div', { class: 'charts' }, callsChart, latencyChart),
    h('h3', null, 'Invoice'),
    invoice,
  );
  return { element, refresh };
}
