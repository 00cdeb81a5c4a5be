// Start-up cost is a contract: `check` must load only the front end, and `check`/`test`/`run`
// must never load ts-morph or typescript. Checked on the static import graph of each command
// (value imports only; `import type` is erased), so a stray import fails here, not in a benchmark.
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Every file and bare package reachable from `entry` through value imports. */
function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = [entry];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    const re = /^(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
    for (const m of text.matchAll(re)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) todo.push(join(dirname(file), spec));
      else packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  }
  return { files, packages };
}

describe('command start-up imports', () => {
  it('check loads the front end only', () => {
    const g = importGraph(join(ROOT, 'cli', 'commands', 'check.ts'));
    const outside = [...g.files].map((f) => relative(ROOT, f)).filter((f) => !f.startsWith('dsl/') && !f.startsWith('cli/'));
    expect(outside).toEqual([]);
    expect(g.packages.has('ts-morph')).toBe(false);
    expect(g.packages.has('typescript')).toBe(false);
  });

  for (const command of ['test', 'run', 'apply', 'compile']) {
    it(`${command} does not import ts-morph or typescript statically`, () => {
      const g = importGraph(join(ROOT, 'cli', 'commands', `${command}.ts`));
      expect(g.files.size).toBeGreaterThan(5);
      expect(g.packages.has('ts-morph')).toBe(false);
      expect(g.packages.has('typescript')).toBe(false);
    });
  }

  it('the prebuilt check entry (bin/rulemart) pulls in only cli/ and dsl/', () => {
    const g = importGraph(join(ROOT, 'cli', 'check-main.ts'));
    expect([...g.files].map((f) => relative(ROOT, f)).filter((f) => !f.startsWith('dsl/') && !f.startsWith('cli/'))).toEqual([]);
    expect([...g.files].filter((f) => f.includes(join('cli', 'commands')) && !f.endsWith('check.ts'))).toEqual([]);
  });

  it('main imports no command module statically', () => {
    const g = importGraph(join(ROOT, 'cli', 'main.ts'));
    expect([...g.files].filter((f) => f.includes(join('cli', 'commands')))).toEqual([]);
  });
});
