// `rulemart test <paths...>`: runs every document's `tests:` (SPEC section 7) against its compiled
// executor (the fast JavaScript path, no ts-morph). Prints each failing test with file:line, the
// expected and actual values, and ends with the line `N passed, N failed`.
import { readFileSync } from 'node:fs';
import type { CheckedDocument, TestCase } from '../../dsl/model.ts';
import { buildSource } from '../../compiler/index.ts';
import type { Executor } from '../../compiler/runtime/plan.ts';
import { diagnosticsText } from '../diagnostics.ts';
import { UsageError, parseFlags } from '../args.ts';
import { collectRuleFiles } from '../files.ts';
import { lineOf } from '../lines.ts';
import { partialMatch, show } from '../match.ts';

/**
 * The output a test compares against. A run that throws gives `{ error: { code, message, errors } }`,
 * so a test may expect an error (`expect: { error: { code: invalid-input } }`).
 */
export function testOutput(executor: Executor<any, any, any>, t: TestCase): unknown {
  try {
    const options: Record<string, unknown> = {};
    if (t.params !== undefined) options.params = t.params;
    if (t.now !== undefined) options.now = t.now;
    return executor.execute(t.input, options);
  } catch (e) {
    const err = e as { name?: string; code?: string; message?: string; errors?: unknown };
    if (err && err.name === 'RuleError') return { error: { code: err.code, message: err.message, errors: err.errors } };
    return { error: { code: 'internal-error', message: e instanceof Error ? e.message : String(e) } };
  }
}

/** Runs `test`; 0 when every test of every document passed and no file had errors. */
export async function run(argv: string[]): Promise<number> {
  const { positionals } = parseFlags(argv, {});
  if (positionals.length === 0) throw new UsageError('test needs at least one path');
  const { files, missing } = collectRuleFiles(positionals);
  let problems = missing.length > 0;
  for (const m of missing) process.stderr.write(`rulemart test: no such file or folder: ${m}\n`);
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    let source: string;
    try {
      source = readFileSync(file, 'utf8');
    } catch (e) {
      process.stderr.write(`rulemart test: cannot read ${file}: ${(e as Error).message}\n`);
      problems = true;
      continue;
    }
    const { diagnostics, built } = buildSource(source, file);
    if (diagnostics.length > 0) process.stdout.write(diagnosticsText(diagnostics, source));
    if (diagnostics.some((d) => d.severity === 'error')) problems = true;
    for (const { document, executor } of built) {
      for (const t of document.tests) {
        const mismatches = partialMatch(t.expect, testOutput(executor, t));
        if (mismatches.length === 0) {
          passed++;
          continue;
        }
        failed++;
        process.stdout.write(failureText(file, source, document, t, mismatches));
      }
    }
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed > 0 || problems ? 1 : 0;
}

function failureText(file: string, source: string, doc: CheckedDocument, t: TestCase, mismatches: ReturnType<typeof partialMatch>): string {
  const lines = [`FAIL ${file}:${lineOf(source, t.span.start)}: ${doc.sku} › ${t.name}`];
  for (const m of mismatches) {
    lines.push(`  at ${m.path || '/'}`, `    expected: ${show(m.expected)}`, `    actual:   ${show(m.actual)}`);
  }
  return lines.join('\n') + '\n';
}
