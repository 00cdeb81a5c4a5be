// The partial match of a test's `expect` against an output (SPEC section 7), with the place of
// every difference so the try-it panel can say exactly what failed.

/** One place where the output differs from what the test expects. */
export interface Mismatch {
  /** JSON pointer into the output. */
  path: string;
  expected: unknown;
  actual: unknown;
}

/**
 * Objects match when each key they give matches; arrays match element by element with the same
 * length; anything else must be equal. Numbers and numeric strings are compared as written in
 * YAML and JSON, so `30` does not equal `"30.00"` (the spec prints money as a string).
 */
export function matchExpect(expected: unknown, actual: unknown, path = ''): Mismatch[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return [{ path: path || '/', expected, actual }];
    return expected.flatMap((e, i) => matchExpect(e, actual[i], `${path}/${i}`));
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return [{ path: path || '/', expected, actual }];
    return Object.entries(expected).flatMap(([key, e]) =>
      matchExpect(e, (actual as Record<string, unknown>)[key], `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  }
  const same = expected === actual || (expected === null && actual === undefined);
  return same ? [] : [{ path: path || '/', expected, actual }];
}
