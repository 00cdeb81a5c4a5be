// Asks the merchant for an API key (`rk_...`) and keeps it for this tab's session only.
import { field, h, replace } from './dom.ts';
import { sessionKey } from './session-key.ts';

/** The key dialog and the header's key status; `ask()` opens the dialog. */
export function createKeyControls(): { dialog: HTMLDialogElement; status: HTMLElement; ask(reason?: string): void } {
  const reasonBox = h('p', { class: 'error', role: 'alert', hidden: true });
  const input = h('input', { type: 'password', name: 'api-key', autocomplete: 'off', placeholder: 'rk_…', required: true, spellcheck: 'false' });
  const dialog = h('dialog', { class: 'key-dialog', 'aria-labelledby': 'key-title' },
    h('form', { method: 'dialog', onsubmit: (e: Event) => {
      e.preventDefault();
      const key = input.value.trim();
      if (!key) return;
      sessionKey.set(key);
      input.value = '';
      dialog.close();
    } },
      h('h2', { id: 'key-title' }, 'Your API key'),
      h('p', null, 'Paste the API key of your shop (it starts with ', h('code', null, 'rk_'), '). It stays in this browser tab only and is forgotten when you close it.'),
      reasonBox,
      field('API key', input),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Use this key')),
    ),
  );
  const status = h('div', { class: 'key-status' });
  const render = () => {
    const key = sessionKey.get();
    replace(status,
      h('span', { class: 'muted' }, key ? `Key ${key.slice(0, 7)}…` : 'No key'),
      h('button', { type: 'button', onclick: () => ask() }, key ? 'Change key' : 'Enter key'),
      key ? h('button', { type: 'button', onclick: () => sessionKey.set(null) }, 'Forget') : null,
    );
  };
  const ask = (reason?: string) => {
    reasonBox.hidden = !reason;
    reasonBox.textContent = reason ?? '';
    if (!dialog.open) dialog.showModal();
    input.focus();
  };
  sessionKey.onChange(render);
  render();
  return { dialog, status, ask };
}
