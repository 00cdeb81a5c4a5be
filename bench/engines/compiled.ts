// Contestant 1: the rulemart executor compiled from bench/category-threshold.yaml, called with
// raw JSON input, so every call validates the input and builds the full exact output.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { compileSource, loadExecutor } from '../../compiler/index.ts';
import type { Contestant } from '../measure.ts';

export const DOCUMENT_PATH = fileURLToPath(new URL('../category-threshold.yaml', import.meta.url));

/**
 * Compiles the benchmark document and loads its `executor.js` the way the runtime does.
 * `validateOnly` times just the input validation, to show what share of a call it takes.
 */
export async function compiledContestant(): Promise<Contestant & { validateOnly: Contestant }> {
  const text = await readFile(DOCUMENT_PATH, 'utf8');
  const { diagnostics, units } = await compileSource(text, DOCUMENT_PATH);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || units.length !== 1) {
    throw new Error(`benchmark document does not compile: ${JSON.stringify(errors)}`);
  }
  const executor = loadExecutor(units[0].files['executor.js']);
  return {
    validateOnly: {
      name: 'rulemart validate() only',
      async: false,
      run: (cart) => (executor.validate(cart).ok ? 0 : Number.NaN),
    },
    name: 'rulemart compiled',
    async: false,
    run: (cart) => Number((executor.execute(cart) as { discount: string }).discount),
  };
}
