// Accessible tabs (WAI-ARIA tabs pattern): real buttons, arrow keys move between tabs, only the
// selected panel is shown. Used for the screens and for the panels beside the editor.
import { h } from './dom.ts';

/** One tab and the panel it shows. */
export interface Tab {
  id: string;
  label: string;
  panel: HTMLElement;
}

/** Tabs with a `select(id)` to switch from code; `onSelect` is told every switch. */
export function createTabs(label: string, tabs: Tab[], onSelect?: (id: string) => void): { list: HTMLElement; panels: HTMLElement[]; select(id: string): void } {
  const buttons = tabs.map((t) =>
    h('button', { type: 'button', role: 'tab', id: `tab-${t.id}`, 'aria-controls': `panel-${t.id}`, 'data-tab': t.id }, t.label));
  const panels = tabs.map((t) => {
    const panel = h('div', { role: 'tabpanel', id: `panel-${t.id}`, 'aria-labelledby': `tab-${t.id}`, class: 'tab-panel' }, t.panel);
    return panel;
  });
  const select = (id: string) => {
    tabs.forEach((t, i) => {
      const on = t.id === id;
      buttons[i]!.setAttribute('aria-selected', String(on));
      buttons[i]!.tabIndex = on ? 0 : -1;
      panels[i]!.hidden = !on;
    });
    onSelect?.(id);
  };
  buttons.forEach((b, i) => {
    b.addEventListener('click', () => select(tabs[i]!.id));
    b.addEventListener('keydown', (e) => {
      const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (!step) return;
      e.preventDefault();
      const next = (i + step + tabs.length) % tabs.length;
      select(tabs[next]!.id);
      buttons[next]!.focus();
    });
  });
  select(tabs[0]!.id);
  return { list: h('div', { role: 'tablist', 'aria-label': label, class: 'tabs' }, buttons), panels, select };
}
