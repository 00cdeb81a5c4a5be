// Publishing: bump the version, publish privately or to the marketplace, and see what the server
// registered (or why it refused: diagnostics, a version clash, a breaking change).
import { api, ApiError, type PublishedDocument } from '../api-client.ts';
import { errorBox, field, h, replace } from '../dom.ts';
import type { RuleEditor } from '../editor/editor-panel.ts';
import { createRolloutForm } from './rollout-form.ts';
import { bumpVersion, setVersionInSource, skuOf, type Bump } from './version-bump.ts';

/** One line saying what a publish did: `Published 2 documents (public): 1 new version, 1 unchanged.` */
export function publishSummary(list: PublishedDocument[], visibility: string): string {
  const created = list.filter((d) => d.status !== 'unchanged').length;
  const unchanged = list.length - created;
  const detail = unchanged ? `: ${created} new version${created === 1 ? '' : 's'}, ${unchanged} unchanged` : '';
  return `Published ${list.length} document${list.length === 1 ? '' : 's'} (${visibility})${detail}.`;
}

/** Builds the publish and rollout panel. `onPublished` is told the SKUs that were registered. */
export function createPublishPanel(editor: RuleEditor, onPublished: (docs: PublishedDocument[]) => void): HTMLElement {
  const current = h('p', { class: 'current-version' });
  const visibility = h('fieldset', { class: 'visibility' },
    h('legend', null, 'Who can see it'),
    h('label', null, h('input', { type: 'radio', name: 'visibility', value: 'private', checked: true }), ' Private: only my shop'),
    h('label', null, h('input', { type: 'radio', name: 'visibility', value: 'public' }), ' Public: list it in the marketplace'),
  );
  const outcome = h('div', { class: 'outcome', 'aria-live': 'polite' });
  const rollout = createRolloutForm();

  const update = () => {
    const doc = editor.currentDocument();
    const sku = skuOf(doc?.kind ?? null, doc?.name ?? null, doc?.version ?? null);
    replace(current, 'Publishing ', h('code', null, sku ?? 'this document'), ' at version ', h('strong', null, doc?.version ?? '?'));
  };
  editor.onChange(update);
  update();

  const bump = (part: Bump) => {
    const doc = editor.currentDocument();
    const next = doc?.version ? bumpVersion(doc.version, part) : null;
    const source = next && doc ? setVersionInSource(editor.source(), doc.range[0], next) : null;
    if (!source) {
      replace(outcome, errorBox(new Error('The document needs a metadata.version like 1.0.0 before it can be bumped.')));
      return;
    }
    editor.setSource(source);
    replace(outcome, h('p', { class: 'muted' }, `Version set to ${next}. ${part === 'major' ? 'A new major version is a new SKU.' : ''}`));
  };

  const publish = async () => {
    const chosen = (visibility.querySelector('input:checked') as HTMLInputElement | null)?.value === 'public' ? 'public' : 'private';
    replace(outcome, h('p', { class: 'muted' }, 'Publishing…'));
    try {
      const docs = await api.publish(editor.source(), chosen);
      const list = Array.isArray(docs) ? docs : [];
      replace(outcome,
        h('p', { class: 'banner good' }, publishSummary(list, chosen)),
        h('table', { class: 'data' },
          h('thead', null, h('tr', null, ['SKU', 'Version', 'Status', 'Source hash'].map((x) => h('th', { scope: 'col' }, x)))),
          h('tbody', null, list.map((d) => h('tr', null,
            h('td', null, h('code', null, d.sku)),
            h('td', null, d.version),
            h('td', null, d.status === 'unchanged' ? 'unchanged (same source)' : d.status === 'created' ? 'new version' : d.status ?? ''),
            h('td', null, h('code', { title: d.sourceHash }, String(d.sourceHash).slice(0, 12) + '…')))))),
      );
      onPublished(list);
      // Offer the rollout of the document under the cursor (a file may publish a plan beside it).
      const doc = editor.currentDocument();
      const mine = list.find((d) => d.sku === skuOf(doc?.kind ?? null, doc?.name ?? null, doc?.version ?? null)) ?? list[0];
      if (mine) void rollout.load(mine.sku);
    } catch (error) {
      if (error instanceof ApiError && error.diagnostics.length) {
        replace(outcome, errorBox(error), h('ul', { class: 'diag-list' }, error.diagnostics.map((d) => h('li', null, `Line ${d.line}:${d.column} `, h('code', null, d.code), ` ${d.message}`))));
      } else if (error instanceof ApiError && error.code === 'breaking-change') {
        replace(outcome, errorBox(error), h('p', null, 'This change breaks callers of the current major version. Bump the major version to publish it as a new SKU.'));
      } else {
        replace(outcome, errorBox(error));
      }
    }
  };

  return h('section', { class: 'panel publish', 'aria-label': 'Publish' },
    current,
    h('div', { class: 'actions', role: 'group', 'aria-label': 'Bump the version' },
      h('span', { class: 'muted' }, 'Bump:'),
      h('button', { type: 'button', onclick: () => bump('patch') }, 'Patch (fix)'),
      h('button', { type: 'button', onclick: () => bump('minor') }, 'Minor (new option)'),
      h('button', { type: 'button', onclick: () => bump('major') }, 'Major (breaking)'),
    ),
    visibility,
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', onclick: () => void publish() }, 'Publish')),
    outcome,
    h('h3', null, 'Rollout'),
    field('SKU', rollout.skuInput, 'Load a SKU you own to pick its stable version and a canary.'),
    rollout.element,
  );
}
