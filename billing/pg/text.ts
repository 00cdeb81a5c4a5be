// PostgreSQL TEXT cannot hold the NUL character, but caller-made keys can (billing's dedupe keys
// join their parts with U+0000; a customer key comes from the caller's input). This escaping is
// reversible and injective, so unique constraints mean what they meant on SQLite and Redis.

/** Escapes `\` as `\\` and U+0000 as `\0`. */
export function toPgText(value: string): string;
export function toPgText(value: string | null): string | null;
export function toPgText(value: string | null): string | null {
  if (value === null || !/[\\\u0000]/.test(value)) return value;
  return value.replace(/[\\\u0000]/g, (ch) => (ch === '\\' ? '\\\\' : '\\0'));
}

/** Reverses {@link toPgText}. */
export function fromPgText(value: string): string;
export function fromPgText(value: string | null): string | null;
export function fromPgText(value: string | null): string | null {
  if (value === null || !value.includes('\\')) return value;
  return value.replace(/\\(\\|0)/g, (_, ch: string) => (ch === '0' ? '\u0000' : '\\'));
}
