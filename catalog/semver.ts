// Semantic versions of rule documents (MAJOR.MINOR.PATCH, no pre-release tags: SPEC section 1).

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
}

/** Parses `1.2.3`; null for anything else. */
export function parseSemver(text: string): SemVer | null {
  const m = /^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})$/.exec(text);
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) };
}

/** Negative, zero or positive as a is older, equal or newer than b. */
export function compareSemver(a: SemVer, b: SemVer): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/** Compares two version strings; unparsable ones sort first. */
export function compareVersionText(a: string, b: string): number {
  const pa = parseSemver(a);
  const pb = parseSemver(b);
  if (!pa || !pb) return pa ? 1 : pb ? -1 : a < b ? -1 : a > b ? 1 : 0;
  return compareSemver(pa, pb);
}
