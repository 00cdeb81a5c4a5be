// `rulemart compile <paths...> --out <dir>`: one executor folder per document (SPEC section 8).
// Nothing is written for a document with errors; every other document is written.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileSource } from '../../compiler/index.ts';
import type { CompiledUnit } from '../../compiler/unit.ts';
import { diagnosticsText } from '../diagnostics.ts';
import { UsageError, parseFlags } from '../args.ts';
import { collectRuleFiles } from '../files.ts';

/** Runs `compile`; 0 when every document compiled and was written, 1 otherwise. */
export async function run(argv: string[]): Promise<number> {
  const { flags, positionals } = parseFlags(argv, { out: { type: 'string' } }, ['out']);
  const out = String(flags.out);
  if (positionals.length === 0) throw new UsageError('compile needs at least one path');
  const { files, missing } = collectRuleFiles(positionals);
  let failed = missing.length > 0;
  for (const m of missing) process.stderr.write(`rulemart compile: no such file or folder: ${m}\n`);
  const written = new Map<string, string>();
  for (const file of files) {
    let source: string;
    try {
      source = readFileSync(file, 'utf8');
    } catch (e) {
      process.stderr.write(`rulemart compile: cannot read ${file}: ${(e as Error).message}\n`);
      failed = true;
      continue;
    }
    const { diagnostics, units } = await compileSource(source, file);
    if (diagnostics.length > 0) process.stderr.write(diagnosticsText(diagnostics, source));
    if (diagnostics.some((d) => d.severity === 'error')) failed = true;
    for (const unit of units) {
      const previous = written.get(unit.folder);
      if (previous !== undefined) {
        process.stderr.write(`rulemart compile: ${file}: ${unit.sku} is also defined in ${previous}; not written again\n`);
        failed = true;
        continue;
      }
      writeUnit(out, unit);
      written.set(unit.folder, file);
      process.stdout.write(`${join(out, unit.folder)}\n`);
    }
  }
  return failed ? 1 : 0;
}

/** Writes the files of one unit into `<out>/<folder>/`. */
function writeUnit(out: string, unit: CompiledUnit): void {
  // The folder comes from a validated SKU; refuse anything else rather than write outside `out`.
  if (!/^[a-z]+\.[a-z][a-z0-9-]*\.v[0-9]+$/.test(unit.folder)) throw new Error(`refusing to write folder ${JSON.stringify(unit.folder)}`);
  const dir = join(out, unit.folder);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(unit.files)) writeFileSync(join(dir, name), text);
}
