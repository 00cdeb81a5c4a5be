// Fixture tests, as Svelte keeps them: each compiler/samples/<case>/input.yaml is compiled and
// every generated file is compared with compiler/samples/<case>/expected/<folder>/<file>
// (diagnostics with expected/diagnostics.json). `UPDATE_SAMPLES=1 npx vitest run compiler`
// rewrites the expected files. The inlined runtime library is elided from the stored
// executor.ts/.js (checked separately below), so a runtime change does not rewrite every sample.
// TypeScript files are stored as `<name>.snap` (executor.ts.snap, executor.d.ts.snap) so the
// project's type check does not try to compile an elided executor.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileSource, loadExecutor } from './index.ts';
import { PLAN_BEGIN, RUNTIME_BEGIN } from './emit/header.ts';
import { runtimeJs, runtimeTs } from './emit/runtime-source.ts';

const SAMPLES = fileURLToPath(new URL('./samples/', import.meta.url));
const UPDATE = process.env.UPDATE_SAMPLES === '1';
const ELIDED = '// (runtime library elided in samples: see compiler/samples.test.ts)';

/** The text with the inlined runtime replaced by one line; the runtime itself is returned apart. */
function elide(text: string): { text: string; runtime: string | null } {
  const a = text.indexOf(RUNTIME_BEGIN);
  const b = text.indexOf(PLAN_BEGIN);
  if (a < 0 || b < a) return { text, runtime: null };
  return {
    text: text.slice(0, a + RUNTIME_BEGIN.length) + '\n' + ELIDED + '\n\n' + text.slice(b),
    runtime: text.slice(a + RUNTIME_BEGIN.length + 1, b),
  };
}

/** The file name under expected/: TypeScript sources get a `.snap` suffix. */
function storedName(fileName: string): string {
  return fileName.endsWith('.ts') ? `${fileName}.snap` : fileName;
}

function compare(path: string, actual: string): void {
  if (UPDATE) {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  expect(existsSync(path), `${path} is missing (run with UPDATE_SAMPLES=1)`).toBe(true);
  expect(actual, path).toBe(readFileSync(path, 'utf8'));
}

const cases = readdirSync(SAMPLES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe('compiler samples', () => {
  it('has samples', () => {
    expect(cases.length).toBeGreaterThanOrEqual(5);
  });

  for (const name of cases) {
    it(name, async () => {
      const dir = join(SAMPLES, name);
      const text = readFileSync(join(dir, 'input.yaml'), 'utf8');
      const file = `samples/${name}/input.yaml`;
      const { diagnostics, units } = await compileSource(text, file);
      const expectedDir = join(dir, 'expected');
      if (UPDATE) rmSync(expectedDir, { recursive: true, force: true });
      if (diagnostics.length > 0) compare(join(expectedDir, 'diagnostics.json'), JSON.stringify(diagnostics, null, 2) + '\n');
      else expect(existsSync(join(expectedDir, 'diagnostics.json'))).toBe(false);
      for (const unit of units) {
        for (const [fileName, content] of Object.entries(unit.files)) {
          const { text: stored, runtime } = elide(content);
          if (runtime !== null) expect(runtime.trimEnd()).toBe((fileName === 'executor.ts' ? runtimeTs() : runtimeJs()).trimEnd());
          compare(join(expectedDir, unit.folder, storedName(fileName)), stored);
        }
        // Every sample document's own tests pass against its executor.
        const executor = loadExecutor(unit.files['executor.js']);
        for (const t of unit.document.tests) {
          const out = executor.execute(t.input, { ...(t.params ? { params: t.params } : {}), ...(t.now ? { now: t.now } : {}) });
          expect(out, `${name}: ${t.name}`).toMatchObject(t.expect as object);
        }
      }
      if (!UPDATE) {
        const folders = readdirSync(expectedDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
        expect(folders).toEqual(units.map((u) => u.folder).sort());
      }
    });
  }

  it('recompiling gives byte-identical files', async () => {
    for (const name of cases) {
      const text = readFileSync(join(SAMPLES, name, 'input.yaml'), 'utf8');
      const a = await compileSource(text, name);
      const b = await compileSource(text, name);
      expect(b.units.map((u) => u.files)).toEqual(a.units.map((u) => u.files));
    }
  });
});
