// Exact money for the Redis counters: amounts travel as decimal strings and are stored as integer
// cents (Redis INCRBY), so no binary floating point ever touches a budget.

const MONEY = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

/**
 * Integer cents of a non-negative money amount given as a decimal string (`"80"`, `"80.5"`,
 * `"80.05"`), or null when it is not one. More than 2 fraction digits is refused rather than
 * rounded: budgets are money and money is output with exactly 2. 13 integer digits keep every
 * amount below 2^53 cents, which Redis' Lua numbers hold exactly.
 */
export function toCents(amount: string): bigint | null {
  const match = MONEY.exec(amount.trim());
  if (!match) return null;
  const fraction = (match[2] ?? '').padEnd(2, '0');
  return BigInt(match[1]!) * 100n + BigInt(fraction);
}

/** `"80.00"` for 8000n cents (negative amounts keep their sign). */
export function fromCents(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}
