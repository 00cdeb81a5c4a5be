// The gray release of a SKU: which version is stable and which canary gets what share of the
// traffic (a percentage, listed tenants, channels), sent as `PUT /v1/skus/{sku}/rollout`.
import { api } from '../api-client.ts';
import { errorBox, field, h, replace } from '../dom.ts';

/** Reads the version strings of a SKU detail, whatever shape the list takes. */
export function versionsOf(detail: any): string[] {
  const list = Array.isArray(detail?.versions) ? detail.versions : [];
  return list.map((v: any) => (typeof v === 'string' ? v : v?.version)).filter((v: unknown): v is string => typeof v === 'string');
}

function splitList(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}

/** The rollout form; `load(sku)` fills it from the SKU's current versions and rollout. */
export function createRolloutForm(): { element: HTMLElement; skuInput: HTMLInputElement; load(sku: string): Promise<void> } {
  const skuInput = h('input', { type: 'text', name: 'rollout-sku', placeholder: 'promo:spend-and-save:v1' });
  const stable = h('select', { name: 'stable' });
  const canary = h('select', { name: 'canary' });
  const percent = h('input', { type: 'range', min: 0, max: 100, step: 1, value: 10, name: 'percent' });
  const percentNumber = h('input', { type: 'number', min: 0, max: 100, step: 1, value: 10, class: 'narrow', 'aria-label': 'Canary share of calls (number)' });
  const tenants = h('input', { type: 'text', name: 'tenants', placeholder: 'acme, globex' });
  const channels = h('input', { type: 'text', name: 'channels', placeholder: 'app, beta' });
  const outcome = h('div', { 'aria-live': 'polite' });
  const body = h('form', { class: 'rollout', hidden: true });
  let sku = '';

  percent.addEventListener('input', () => { percentNumber.value = percent.value; });
  percentNumber.addEventListener('input', () => { percent.value = percentNumber.value; });

  const load = async (id: string) => {
    sku = id.trim();
    skuInput.value = sku;
    if (!sku) return;
    replace(outcome, h('p', { class: 'muted' }, 'Loading…'));
    try {
      const detail = await api.sku(sku);
      const versions = versionsOf(detail);
      replace(stable, versions.map((v) => h('option', { value: v }, v)));
      replace(canary, h('option', { value: '' }, 'No canary'), versions.map((v) => h('option', { value: v }, v)));
      const current = detail?.rollout ?? {};
      stable.value = current.stable ?? versions[versions.length - 1] ?? '';
      canary.value = current.canary?.version ?? '';
      const p = String(current.canary?.percent ?? 10);
      percent.value = p;
      percentNumber.value = p;
      tenants.value = (current.canary?.tenants ?? []).join(', ');
      channels.value = (current.canary?.channels ?? []).join(', ');
      body.hidden = false;
      replace(outcome);
    } catch (error) {
      body.hidden = true;
      replace(outcome, errorBox(error));
    }
  };

  const apply = async (event: Event) => {
    event.preventDefault();
    const pct = Math.max(0, Math.min(100, Number(percentNumber.value) || 0));
    const request = {
      stable: stable.value,
      ...(canary.value ? { canary: { version: canary.value, percent: pct, ...(splitList(tenants.value).length ? { tenants: splitList(tenants.value) } : {}), ...(splitList(channels.value).length ? { channels: splitList(channels.value) } : {}) } } : {}),
    };
    try {
      await api.rollout(sku, request);
      replace(outcome, h('p', { class: 'banner good' }, canary.value ? `Stable ${stable.value}; canary ${canary.value} gets ${pct}% of the calls.` : `All calls go to ${stable.value}.`));
    } catch (error) {
      replace(outcome, errorBox(error));
    }
  };
  body.addEventListener('submit', (e) => void apply(e));

  body.append(
    h('div', { class: 'row' }, field('Stable version', stable), field('Canary version', canary)),
    h('div', { class: 'range-row' }, field('Canary share of calls (%)', percent), percentNumber),
    h('div', { class: 'row' }, field('Canary tenants (comma separated)', tenants), field('Canary channels (X-Channel)', channels)),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Apply rollout')),
  );
  const element = h('div', null,
    h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => void load(skuInput.value) }, 'Load SKU')),
    body, outcome);
  return { element, skuInput, load };
}
