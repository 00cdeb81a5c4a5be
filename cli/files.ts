// Turning command-line paths into the rule files they name: a file as is, a folder searched
// recursively for .yaml/.yml files, everything sorted so output order never depends on the disk.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const RULE_FILE = /\.ya?ml$/i;

/** Files under `paths`, sorted and without duplicates; missing paths are returned in `missing`. */
export function collectRuleFiles(paths: string[]): { files: string[]; missing: string[] } {
  const found = new Set<string>();
  const missing: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) walk(p, found);
    else found.add(p);
  }
  return { files: [...found].sort(), missing };
}

function walk(dir: string, out: Set<string>): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) walk(full, out);
    else if (e.isFile() && RULE_FILE.test(e.name)) out.add(full);
  }
}
