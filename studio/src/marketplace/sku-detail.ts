// One SKU of the marketplace: title, description, billing, price plan with a worked example,
// its input as a form, and subscribing (SLA tier and params) and calling it.
import { api, type Sla } from '../api-client.ts';
import { errorBox, field, h, replace } from '../dom.ts';
import { renderOutput } from '../try-it/render-output.ts';
import { renderPricePlan } from './price-example.ts';
import { createSchemaForm } from './schema-form.ts';
import { DEFAULT_SLA_TIERS } from '../../../billing/sla-tiers.ts';

function parseSchema(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return {};
  }
}

/** The detail view of a SKU, loaded from `GET /v1/skus/{sku}`. */
export async function renderSkuDetail(id: string, onBack: () => void): Promise<HTMLElement> {
  const back = h('button', { type: 'button', class: 'link', onclick: onBack }, '← All SKUs');
  let detail: any;
  try {
    detail = await api.sku(id);
  } catch (error) {
    return h('div', null, back, errorBox(error));
  }
  const billing = detail.billing ?? {};
  const inputSchema = parseSchema(detail.inputSchema ?? detail.schemas?.input ?? detail.input);
  const paramsSchema = parseSchema(detail.paramsSchema ?? detail.schemas?.params ?? detail.params);
  const versions: string[] = (Array.isArray(detail.versions) ? detail.versions : []).map((v: any) => (typeof v === 'string' ? v : v.version));
  const kind = detail.kind ?? null;

  const inputForm = createSchemaForm(inputSchema, 'Input');
  const paramsForm = createSchemaForm(paramsSchema, 'Params');
  const sla = h('select', { name: 'sla' }, tierOptions(detail));
  const subscribeOutcome = h('div', { 'aria-live': 'polite' });
  const current = h('div', { class: 'current-subscription' });
  const showCurrent = async () => {
    try {
      const list = await api.subscriptions();
      const mine = (Array.isArray(list?.subscriptions) ? list.subscriptions : []).find((x: any) => x.sku === id);
      replace(current, mine
        ? h('p', null, 'You are subscribed on the ', h('strong', null, mine.sla), ' tier. ',
            h('button', { type: 'button', class: 'link', onclick: () => void unsubscribe() }, 'Unsubscribe'))
        : h('p', { class: 'muted' }, 'You are not subscribed yet.'));
      if (mine) sla.value = mine.sla;
    } catch {
      replace(current); // the list is a convenience; subscribing still works without it
    }
  };
  const unsubscribe = async () => {
    try {
      await api.unsubscribe(id);
      replace(subscribeOutcome, h('p', { class: 'banner neutral' }, `Unsubscribed from ${id}.`));
    } catch (error) {
      replace(subscribeOutcome, errorBox(error));
    }
    void showCurrent();
  };
  const callOutcome = h('div', { 'aria-live': 'polite' });

  const subscribe = async (event: Event) => {
    event.preventDefault();
    try {
      const params = paramsForm.value() as Record<string, unknown> | undefined;
      await api.subscribe({ sku: id, sla: sla.value as Sla, ...(params && Object.keys(params).length ? { params } : {}) });
      replace(subscribeOutcome, h('p', { class: 'banner good' }, `Subscribed to ${id} on the ${sla.value} tier.`));
      void showCurrent();
    } catch (error) {
      replace(subscribeOutcome, errorBox(error));
    }
  };

  const callIt = async (event: Event) => {
    event.preventDefault();
    replace(callOutcome, h('p', { class: 'muted' }, 'Calling…'));
    try {
      const { output, version, requestId } = await api.execute(id, inputForm.value() ?? {});
      replace(callOutcome,
        h('p', { class: 'muted ran' }, `Version ${version ?? '?'} ran this call`, requestId ? ` (request ${requestId})` : '', '.'),
        renderOutput(output, kind), h('details', { class: 'raw' }, h('summary', null, 'Raw JSON output'), h('pre', { class: 'json-view' }, JSON.stringify(output, null, 2))));
    } catch (error) {
      replace(callOutcome, errorBox(error));
    }
  };

  void showCurrent();
  return h('article', { class: 'sku-detail' },
    back,
    h('header', { class: 'sku-head' },
      h('h2', { tabindex: '-1', class: 'sku-title' }, detail.title ?? id),
      h('p', null, h('code', null, id), ' · ', kind ?? '', ' · by ', detail.owner ?? 'unknown', versions.length ? ` · versions ${versions.join(', ')}` : ''),
      detail.description ? h('p', { class: 'description' }, detail.description) : null,
    ),
    h('section', { class: 'card' }, h('h3', null, 'Billing'),
      h('dl', { class: 'facts' },
        h('dt', null, 'Tier'), h('dd', null, billing.tier ?? 'basic'),
        h('dt', null, 'Rate limit'), h('dd', null, billing.rateLimit ? String(typeof billing.rateLimit === 'object' ? billing.rateLimit.text : billing.rateLimit) : 'none'),
        h('dt', null, 'Quota counted per'), h('dd', null, billing.quotaScope === 'api-key' ? 'API key' : 'tenant'),
      ),
      renderPricePlan(detail),
    ),
    h('section', { class: 'card' }, h('h3', null, 'Subscribe'),
      current,
      h('form', { onsubmit: (e: Event) => void subscribe(e) },
        field('SLA tier', sla),
        paramsSchema && Object.keys((paramsSchema as any).properties ?? {}).length
          ? [h('p', { class: 'muted' }, 'Params tune the SKU for your shop; leave a field empty to keep its default.'), paramsForm.element]
          : h('p', { class: 'muted' }, 'This SKU has no params to set.'),
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Subscribe')),
      ),
      subscribeOutcome,
    ),
    h('section', { class: 'card' }, h('h3', null, 'Input and a test call'),
      h('p', { class: 'muted' }, 'The input this SKU takes. Fill it in and call the SKU through the API (a billed call; you must be subscribed).'),
      h('form', { onsubmit: (e: Event) => void callIt(e) },
        inputForm.element,
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Call it')),
      ),
      callOutcome,
    ),
  );
}

/** API.md's default tiers (billing/sla-tiers.ts, bundled in), for a detail without a price example. */
const DEFAULT_TIERS = Object.values(DEFAULT_SLA_TIERS).map((t) => ({ sla: t.name, terms: t }));

/** The SLA tiers to subscribe on, with their terms: the server's table in force (from the price example), else API.md's defaults. */
function tierOptions(detail: any): HTMLOptionElement[] {
  const rows: any[] = Array.isArray(detail?.pricePlan?.example?.tiers) && detail.pricePlan.example.tiers.every((r: any) => r?.terms)
    ? detail.pricePlan.example.tiers
    : DEFAULT_TIERS;
  return rows.map((r) => {
    const t = r.terms;
    const quota = t.monthlyQuota === null ? 'unlimited calls' : `${Number(t.monthlyQuota).toLocaleString('en')} calls a month`;
    const credit = t.creditPercent === null ? 'no latency credit' : `${t.latencyMs} ms, ${t.creditPercent}% credit`;
    const label = `${String(r.sla).charAt(0).toUpperCase()}${String(r.sla).slice(1)}: ${quota}, ${credit}`;
    return h('option', { value: String(r.sla) }, label);
  });
}

