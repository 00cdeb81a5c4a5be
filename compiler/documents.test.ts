// Real documents through the real front end: every document of compiler/samples and examples/
// is compiled, and on each of its test inputs the compiled executor and the reference
// evaluator agree (output, trace and errors).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkSource } from '../dsl/index.ts';
import { bothExecutors, outcome } from './testing/harness.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function ruleFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name) && !e.parentPath.includes('expected'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

const files = [...ruleFiles(join(ROOT, 'compiler', 'samples')), ...ruleFiles(join(ROOT, 'examples'))];

describe('documents: compiled == interpreted on their own tests', () => {
  it('finds documents', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  for (const file of files) {
    it(file.slice(ROOT.length), () => {
      const { documents } = checkSource(readFileSync(file, 'utf8'), file);
      for (const doc of documents) {
        const { compiled, interpreted } = bothExecutors(doc);
        for (const t of doc.tests) {
          const options = { trace: true, ...(t.params ? { params: t.params } : {}), ...(t.now ? { now: t.now } : { now: '2026-11-11T00:00:00Z' }) };
          expect(outcome(compiled, t.input, options), `${doc.sku} › ${t.name}`).toEqual(outcome(interpreted, t.input, options));
        }
      }
    });
  }
});
