// The marketplace: search and filter the SKUs the merchant can see (public ones and their own),
// and open one to read and subscribe.
import { api } from '../api-client.ts';
import { errorBox, field, h, replace } from '../dom.ts';
import { renderSkuDetail } from './sku-detail.ts';

/** Reads the SKU list from `GET /v1/skus`, whatever container the server used. */
export function skuList(response: unknown): any[] {
  const r = response as any;
  return Array.isArray(r) ? r : Array.isArray(r?.skus) ? r.skus : Array.isArray(r?.items) ? r.items : [];
}

/**
 * Makes sure each listed SKU carries its `billing` (the list may leave it out): the details of
 * the first 50 are fetched when a billing-tier filter needs them.
 */
async function withBilling(skus: any[]): Promise<any[]> {
  return Promise.all(skus.slice(0, 50).map(async (s) => {
    if (s.billing) return s;
    try {
      const detail = await api.sku(String(s.sku ?? s.id));
      return { ...s, billing: detail?.billing ?? null };
    } catch {
      return s;
    }
  }));
}

/** The marketplace screen; `open(sku)` shows one SKU, `refresh()` reloads the list. */
export function createMarketplaceScreen(): { element: HTMLElement; refresh(): Promise<void>; open(id: string): Promise<void> } {
  const q = h('input', { type: 'search', name: 'q', placeholder: 'Search title, name or description' });
  const kind = h('select', { name: 'kind' }, h('option', { value: '' }, 'All kinds'), ['Promotion', 'Selection', 'PricingTier'].map((k) => h('option', { value: k }, k)));
  const tier = h('select', { name: 'tier' }, h('option', { value: '' }, 'All billing tiers'), ['basic', 'premium', 'enterprise'].map((t) => h('option', { value: t }, t)));
  const list = h('div', { class: 'sku-list', 'aria-live': 'polite' });
  const detail = h('div', { class: 'sku-detail-host' });
  const browse = h('div', null,
    h('form', { class: 'row filters', role: 'search', onsubmit: (e: Event) => { e.preventDefault(); void refresh(); } },
      field('Search', q), field('Kind', kind), field('Billing tier', tier),
      h('div', { class: 'actions end' }, h('button', { type: 'submit', class: 'primary' }, 'Search')),
    ),
    list,
  );

  const open = async (id: string) => {
    replace(detail, h('p', { class: 'muted' }, 'Loading…'));
    browse.hidden = true;
    const view = await renderSkuDetail(id, () => {
      replace(detail);
      browse.hidden = false;
      (list.querySelector(`[data-sku="${CSS.escape(id)}"]`) as HTMLElement | null)?.focus();
    });
    replace(detail, view);
    (view.querySelector('.sku-title') as HTMLElement | null)?.focus();
  };

  const refresh = async () => {
    replace(list, h('p', { class: 'muted' }, 'Loading…'));
    try {
      let skus = skuList(await api.skus({ q: q.value.trim() || undefined, kind: kind.value || undefined }));
      if (tier.value) skus = (await withBilling(skus)).filter((s) => (s.billing?.tier ?? 'basic') === tier.value);
      if (skus.length === 0) {
        replace(list, h('p', { class: 'muted' }, 'No SKU matches. Try another search, or publish one from the Editor.'));
        return;
      }
      replace(list, h('ul', { class: 'cards' }, skus.map((s) => {
        const id = String(s.sku ?? s.id);
        return h('li', { class: 'sku-card' },
          h('button', { type: 'button', class: 'card-button', 'data-sku': id, onclick: () => void open(id) },
            h('span', { class: 'card-title' }, s.title ?? s.name ?? id),
            h('code', null, id),
            h('span', { class: 'badges' },
              h('span', { class: 'badge' }, s.kind ?? ''),
              s.billing?.tier ? h('span', { class: 'badge' }, s.billing.tier) : null,
              s.visibility ? h('span', { class: `badge ${s.visibility}` }, s.visibility) : null,
              s.own ? h('span', { class: 'badge own' }, 'yours') : null,
              s.latest ?? s.version ? h('span', { class: 'badge' }, `v${s.latest ?? s.version}`) : null),
            s.description ? h('span', { class: 'card-desc' }, s.description) : null,
          ));
      })));
    } catch (error) {
      replace(list, errorBox(error));
    }
  };

  const element = h('section', { class: 'screen marketplace', 'aria-labelledby': 'market-title' },
    h('h2', { id: 'market-title' }, 'Marketplace'), browse, detail);
  return { element, refresh, open };
}
