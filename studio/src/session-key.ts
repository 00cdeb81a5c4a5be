// Keeps the merchant's API key for this browser tab only (sessionStorage), never on disk or in
// the URL, and tells the page when it changes.

const storageKey = 'rulemart.apiKey';
const listeners = new Set<() => void>();

function storage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null; // storage can be blocked by the browser; the key then lives in memory only
  }
}

let memory: string | null = null;

/** The API key of this tab's session. */
export const sessionKey = {
  get(): string | null {
    return storage()?.getItem(storageKey) ?? memory;
  },
  set(key: string | null): void {
    memory = key;
    const s = storage();
    if (key) s?.setItem(storageKey, key);
    else s?.removeItem(storageKey);
    for (const listener of listeners) listener();
  },
  onChange(listener: () => void): void {
    listeners.add(listener);
  },
};
