// `rulemart check <paths...> [--format text|json]`: parse, validate and type-check rule files.
// Loads only the front end (dsl/), so it stays fast.
import { readFileSync } from 'node:fs';
import { checkSource } from '../../dsl/index.ts';
import type { Diagnostic } from '../../dsl/diagnostics/diagnostic.ts';
import { diagnosticsText } from '../diagnostics.ts';
import { UsageError, oneOf, parseFlags } from '../args.ts';
import { collectRuleFiles } from '../files.ts';

/** Runs `check`; 0 when no file has an error, 1 otherwise. */
export async function run(argv: string[]): Promise<number> {
  const { flags, positionals } = parseFlags(argv, { format: { type: 'string' } });
  const format = oneOf(flags.format, 'format', ['text', 'json'] as const, 'text');
  if (positionals.length === 0) throw new UsageError('check needs at least one path');
  const { files, missing } = collectRuleFiles(positionals);
  for (const m of missing) process.stderr.write(`rulemart check: no such file or folder: ${m}\n`);
  const all: Diagnostic[] = [];
  let text = '';
  let documents = 0;
  for (const file of files) {
    let source: string;
    try {
      source = readFileSync(file, 'utf8');
    } catch (e) {
      process.stderr.write(`rulemart check: cannot read ${file}: ${(e as Error).message}\n`);
      missing.push(file);
      continue;
    }
    const result = checkSource(source, file);
    documents += result.documents.length;
    all.push(...result.diagnostics);
    if (format === 'text' && result.diagnostics.length > 0) text += diagnosticsText(result.diagnostics, source);
  }
  const errors = all.filter((d) => d.severity === 'error').length;
  const warnings = all.length - errors;
  if (format === 'json') {
    process.stdout.write(JSON.stringify(all, null, 2) + '\n');
  } else {
    if (text) process.stdout.write(text.endsWith('\n') ? text : text + '\n');
    process.stdout.write(`${files.length} file(s), ${documents} document(s) without errors: ${errors} error(s), ${warnings} warning(s)\n`);
  }
  return errors > 0 || missing.length > 0 ? 1 : 0;
}
