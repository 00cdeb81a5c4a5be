// `npm run bench:compile`: wall time of the CLI as a merchant meets it. `rulemart check` on one
// example file (several runs, median) and `rulemart compile` of 100 generated documents in one call.
// Options: --check-runs N --compile-runs N --docs N.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateDocuments } from './generate-documents.ts';
import { median } from './measure.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'bin', 'rulemart');

/** Runs the CLI once; returns wall milliseconds, or throws with its output when it fails. */
export function timeCli(args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) {
    throw new Error(`rulemart ${args.join(' ')} exited ${r.status}\n${r.stdout}\n${r.stderr}`.slice(0, 4000));
  }
  return ms;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      'check-runs': { type: 'string', default: '5' },
      'compile-runs': { type: 'string', default: '3' },
      docs: { type: 'string', default: '100' },
      file: { type: 'string', default: 'examples/full-reduction.yaml' },
    },
  });
  const checkRuns: number[] = [];
  for (let i = 0; i < Number(values['check-runs']); i++) checkRuns.push(timeCli(['check', values.file!]));
  const checkMs = median(checkRuns);
  console.log(`rulemart check ${values.file}: median ${checkMs.toFixed(0)} ms (runs ${checkRuns.map((m) => m.toFixed(0)).join(', ')})`);

  const dir = mkdtempSync(join(os.tmpdir(), 'rulemart-compile-bench-'));
  try {
    const docs = generateDocuments(Number(values.docs));
    mkdirSync(join(dir, 'docs'), { recursive: true });
    for (const d of docs) writeFileSync(join(dir, 'docs', d.name), d.text);
    const compileRuns: number[] = [];
    for (let i = 0; i < Number(values['compile-runs']); i++) {
      const out = join(dir, `out-${i}`);
      compileRuns.push(timeCli(['compile', join(dir, 'docs'), '--out', out]));
      const written = readdirSync(out).length;
      if (written !== docs.length) throw new Error(`compile wrote ${written} folders for ${docs.length} documents`);
    }
    const compileMs = median(compileRuns);
    console.log(`rulemart compile of ${docs.length} documents: median ${compileMs.toFixed(0)} ms (runs ${compileRuns.map((m) => m.toFixed(0)).join(', ')})`);

    const cpus = os.cpus();
    const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
    console.log(`\n${new Date().toISOString()} · Node ${process.version} · ${cpus.length} × ${cpus[0]?.model ?? 'cpu'} · load average ${load}\n`);
    console.log('| goal | measured | met |\n|---|---:|---|');
    console.log(`| check one file < 1.5 s | ${(checkMs / 1000).toFixed(2)} s | ${checkMs < 1500 ? 'yes' : 'no'} |`);
    console.log(`| compile ${docs.length} documents < 15 s | ${(compileMs / 1000).toFixed(2)} s | ${compileMs < 15000 ? 'yes' : 'no'} |`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  process.exitCode = await main();
}
