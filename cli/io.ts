// Reading JSON inputs (a file or `-` for stdin) and printing executor errors for the CLI.
import { readFileSync } from 'node:fs';
import { inexactNumbers, inexactNumbersMessage } from '../runtime/json-numbers.ts';

/** Text of a file, or of stdin for `-`. */
export function readTextArg(path: string): string {
  return readFileSync(path === '-' ? 0 : path, 'utf8');
}

/** JSON from `--input`/`--params`-style arguments: a parse failure is reported with its source. */
export function parseJson(text: string, what: string): { ok: true; value: unknown } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `${what}: invalid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  // A number a double cannot carry exactly would silently change (SPEC 2): refuse it instead.
  const inexact = inexactNumbers(text);
  if (inexact.length) return { ok: false, message: `${what}: ${inexactNumbersMessage(inexact)}` };
  return { ok: true, value };
}

/** Lines describing an error thrown by an executor (a RuleError with `errors`, or anything else). */
export function describeError(e: unknown): string {
  const err = e as { name?: string; code?: string; message?: string; errors?: { path: string; message: string }[] };
  if (err && err.name === 'RuleError') {
    const lines = [`error ${err.code}: ${err.message}`];
    for (const p of err.errors ?? []) lines.push(`  ${p.path || '(root)'}: ${p.message}`); // RFC 6901: the root is "", not "/"
    return lines.join('\n');
  }
  return `error: ${e instanceof Error ? e.message : String(e)}`;
}
