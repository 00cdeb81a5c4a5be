// Mutation fuzzing through the real front end: small random edits of real rule files. Whatever
// the checker accepts must compile without an internal error, load, and run its tests without
// anything but RuleErrors; compileSource never throws and reports no E9001.
import fc from 'fast-check';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkSource } from '../dsl/index.ts';
import { compileDocumentToJs } from './compile.ts';
import { compileSource } from './index.ts';
import { INTERNAL_ERROR_CODE } from './internal-error.ts';
import { loadExecutor } from './load.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const files = [join(ROOT, 'compiler', 'samples'), join(ROOT, 'examples')]
  .filter((d) => existsSync(d))
  .flatMap((d) => readdirSync(d, { withFileTypes: true, recursive: true }).filter((e) => e.isFile() && e.name.endsWith('.yaml')).map((e) => join(e.parentPath, e.name)));
const texts = files.map((f) => readFileSync(f, 'utf8'));
const TOKENS = ['+', '-', '*', '/', ' mod ', '??', ' and ', ' or ', 'not ', '(', ')', '[0]', '.size()', ' == ', ' < ', '1', '0.5', '15%', '"x"', 'null', 'true', 'subtotal', 'now', '7d', ' ? 1 : 2', 'round(', 'min(1,', '.lower()', '${', '"', "'", '\n', ': '];

const arbMutated = fc
  .tuple(fc.integer({ min: 0, max: Math.max(0, texts.length - 1) }), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...TOKENS), fc.boolean()), { minLength: 1, maxLength: 3 }))
  .map(([i, edits]) => {
    let t = texts[i] ?? '';
    for (const [pos, tok, del] of edits) {
      const p = t.length === 0 ? 0 : pos % t.length;
      t = del ? t.slice(0, p) + t.slice(p + 1) : t.slice(0, p) + tok + t.slice(p);
    }
    return t;
  });

describe('mutated rule files', () => {
  it('compile and run, or are rejected with diagnostics; never an internal error or a crash', () => {
    expect(texts.length).toBeGreaterThan(0);
    let accepted = 0;
    fc.assert(
      fc.property(arbMutated, (text) => {
        for (const doc of checkSource(text, 'fuzz.yaml').documents) {
          accepted++;
          const executor = loadExecutor(compileDocumentToJs(doc));
          for (const t of doc.tests) {
            try {
              executor.execute(t.input, { ...(t.params ? { params: t.params } : {}), ...(t.now ? { now: t.now } : {}) });
            } catch (e) {
              expect((e as { name?: string }).name, String(e)).toBe('RuleError');
            }
          }
        }
      }),
      { numRuns: 120 },
    );
    expect(accepted).toBeGreaterThan(0);
  });

  it('compileSource never throws and reports no internal error', async () => {
    await fc.assert(
      fc.asyncProperty(arbMutated, async (text) => {
        const { diagnostics } = await compileSource(text, 'fuzz.yaml');
        expect(diagnostics.filter((d) => d.code === INTERNAL_ERROR_CODE)).toEqual([]);
      }),
      { numRuns: 15 },
    );
  });
});
