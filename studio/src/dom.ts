// A tiny helper for building DOM trees in plain TypeScript, so each panel reads as a tree of
// elements rather than a string of HTML (text is always set as text, never parsed).

type Child = Node | string | number | null | undefined | false;
type AttrValue = string | number | boolean | null | undefined | ((event: any) => void);

/**
 * Creates an element. Attributes whose name starts with `on` become event listeners; `true`
 * sets an empty attribute, `false`/`null`/`undefined` leave it out. Children that are strings
 * become text nodes.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Record<string, AttrValue> | null,
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  append(element, ...children);
  return element;
}

/** Appends children (strings as text), skipping empty ones. */
export function append(parent: Node, ...children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces all children of an element. */
export function replace(parent: Element, ...children: (Child | Child[])[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/** A problem box for an error, with its code and field errors when the server gave them. */
export function errorBox(error: unknown): HTMLElement {
  const e = error as { message?: string; code?: string; errors?: { path: string; message: string }[] };
  return h('div', { class: 'error', role: 'alert' },
    h('strong', null, e.message ?? String(error)),
    e.code ? h('code', { class: 'code' }, e.code) : null,
    e.errors?.length ? h('ul', null, e.errors.map((x) => h('li', null, h('code', null, x.path || '/'), ' ', x.message))) : null,
  );
}

/** A labelled form control: `<label>` then the control, tied by id. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hint ? h('small', { class: 'hint' }, hint) : null);
}
