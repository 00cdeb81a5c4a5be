// Recognises PostgreSQL constraint errors raised by node-postgres (through drizzle, which wraps them).

/** True for a UNIQUE or PRIMARY KEY violation (SQLSTATE 23505), however deeply it is wrapped. */
export function isUniqueViolation(e: unknown): boolean {
  for (let err: unknown = e, depth = 0; err && depth < 5; err = (err as { cause?: unknown }).cause, depth++) {
    if ((err as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
