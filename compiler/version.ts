// The compiler's version, written into every manifest: the package.json version.
import { readFileSync } from 'node:fs';

let cached: string | null = null;

/** `version` of the rulemart package.json (read once). */
export function compilerVersion(): string {
  if (cached === null) {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
    cached = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  }
  return cached;
}
