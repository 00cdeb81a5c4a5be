// Partial matching of a test's `expect` against an executor's output (SPEC section 7): an object
// matches when each key it gives matches; an array matches an array of the same length element
// by element; anything else must be equal.

/** One place where the output differs from the expectation. */
export interface Mismatch {
  /** JSON pointer into the output. */
  path: string;
  expected: unknown;
  /** `undefined` when the output has no value there. */
  actual: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function token(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Every mismatch between `expected` and `actual` (empty when they match). */
export function partialMatch(expected: unknown, actual: unknown, path = ''): Mismatch[] {
  if (isObject(expected)) {
    if (!isObject(actual)) return [{ path, expected, actual }];
    const out: Mismatch[] = [];
    for (const key of Object.keys(expected)) {
      const here = `${path}/${token(key)}`;
      if (!Object.hasOwn(actual, key)) out.push({ path: here, expected: expected[key], actual: undefined });
      else out.push(...partialMatch(expected[key], actual[key], here));
    }
    return out;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return [{ path, expected, actual }];
    return expected.flatMap((e, i) => partialMatch(e, actual[i], `${path}/${i}`));
  }
  return Object.is(expected, actual) || (expected === 0 && actual === 0) ? [] : [{ path, expected, actual }];
}

/** A value for a failure message: JSON, or `(missing)`. */
export function show(v: unknown): string {
  if (v === undefined) return '(missing)';
  const text = JSON.stringify(v);
  return text.length > 400 ? text.slice(0, 400) + '…' : text;
}
