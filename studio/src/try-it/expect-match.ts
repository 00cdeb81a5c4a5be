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
    // As the CLI's `rulemart test` (cli/match.ts): a key the output lacks never matches, not even null.
    return Object.entries(expected).flatMap(([key, e]) => {
      const here = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      return Object.hasOwn(actual, key) ? matchExpect(e, (actual as Record<string, unknown>)[key], here) : [{ path: here, expected: e, actual: undefined }];
    });
  }
  return Object.is(expected, actual) || (expected === 0 && actual === 0) ? [] : [{ path: path || '/', expected, actual }];
}
