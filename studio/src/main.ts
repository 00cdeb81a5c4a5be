// The studio's entry point: the page shell (header, key, screens) wiring the editor with its
// panels, the marketplace and usage and billing together.
import { onUnauthorized } from './api-client.ts';
import { h } from './dom.ts';
import { createEditorPanel } from './editor/editor-panel.ts';
import { createKeyControls } from './key-dialog.ts';
import { createMarketplaceScreen } from './marketplace/marketplace-screen.ts';
import { createPublishPanel } from './publish/publish-panel.ts';
import { sessionKey } from './session-key.ts';
import { createTabs } from './tabs.ts';
import { createTryItPanel } from './try-it/try-it-panel.ts';
import { createTypescriptView } from './typescript-view.ts';
import { createUsageScreen } from './usage/usage-screen.ts';

function start(): void {
  const key = createKeyControls();
  const editor = createEditorPanel();
  const typescript = createTypescriptView(editor);
  const sideTabs = createTabs('Rule tools', [
    { id: 'try', label: 'Try it', panel: createTryItPanel(editor, (ts) => typescript.show(ts)) },
    { id: 'typescript', label: 'TypeScript', panel: typescript.element },
    { id: 'publish', label: 'Publish', panel: createPublishPanel(editor, () => undefined) },
  ]);
  const workbench = h('section', { class: 'screen workbench', 'aria-label': 'Rule editor' },
    editor.element,
    h('div', { class: 'side' }, sideTabs.list, sideTabs.panels),
  );
  const marketplace = createMarketplaceScreen();
  const usage = createUsageScreen();
  const screens = createTabs('Screens', [
    { id: 'editor', label: 'Editor', panel: workbench },
    { id: 'marketplace', label: 'Marketplace', panel: marketplace.element },
    { id: 'usage', label: 'Usage & billing', panel: usage.element },
  ], (id) => {
    if (!sessionKey.get()) return;
    if (id === 'marketplace') void marketplace.refresh();
    if (id === 'usage') void usage.refresh();
  });

  const skip = h('a', { href: '#main', class: 'skip' }, 'Skip to content');
  document.body.append(
    skip,
    h('header', { class: 'top' },
      h('h1', null, h('span', { class: 'logo', 'aria-hidden': 'true' }, '◆'), ' rulemart ', h('span', { class: 'muted' }, 'studio')),
      h('nav', { 'aria-label': 'Screens' }, screens.list),
      key.status,
    ),
    h('main', { id: 'main', tabindex: '-1' }, screens.panels),
    key.dialog,
  );
  sessionKey.onChange(() => editor.recheck());
  if (!sessionKey.get()) key.ask();
  // A refused key (revoked, mistyped) brings the key dialog back rather than failing quietly.
  onUnauthorized(() => key.ask(sessionKey.get() ? 'The server refused this key. Paste a valid key.' : undefined));
}

start();
