// Loading the documents of rule files for `run` and `apply`, reporting diagnostics on stderr.
import { readFileSync } from 'node:fs';
import { diagnosticsText } from './diagnostics.ts';
import type { CheckedDocument } from '../dsl/model.ts';
import { buildSource } from '../compiler/index.ts';
import type { Executor } from '../compiler/runtime/plan.ts';

export interface Built {
  document: CheckedDocument;
  executor: Executor<any, any, any>;
}

/** Every error-free document of `file` with its executor; null (after printing why) when the file has errors. */
export function buildFile(file: string, command: string): Built[] | null {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    process.stderr.write(`rulemart ${command}: cannot read ${file}: ${(e as Error).message}\n`);
    return null;
  }
  const { diagnostics, built } = buildSource(source, file);
  if (diagnostics.length > 0) process.stderr.write(diagnosticsText(diagnostics, source));
  return diagnostics.some((d) => d.severity === 'error') ? null : built;
}
