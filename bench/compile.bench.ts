// `npm run bench:compile`: wall time of the CLI as a merchant meets it. `rulemart check` on one
// example file (several runs, median) and `rulemart compile` of 100 generated documents in one call.
// Options: --check-runs N --compile-runs N --docs N.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateDocuments } from './generate-documents.ts';
import { median } from './measure.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'bin', 'rulemart');

/**
 * CPU seconds (user + system) used so far by this process's waited-for children, from
 * /proc/self/stat (Linux; clock ticks of 1/100 s). CPU time is what a busy shared machine
 * inflates least, so it is reported beside wall time. null where /proc is unavailable.
 */
export function childCpuSeconds(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return null;
  }
}

/** One CLI run: wall milliseconds and CPU seconds (null without /proc). */
export interface CliTiming {
  ms: number;
  cpu: number | null;
}

/** Runs the CLI once and times it, or throws with its output when it fails. */
export function timeCli(args: string[]): CliTiming {
  const cpu0 = childCpuSeconds();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu1 = childCpuSeconds();
  if (r.status !== 0) {
    throw new Error(`rulemart ${args.join(' ')} exited ${r.status}\n${r.stdout}\n${r.stderr}`.slice(0, 4000));
  }
  return { ms, cpu: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 };
}

function describe(runs: CliTiming[]): string {
  const wall = runs.map((r) => r.ms.toFixed(0)).join(', ');
  const cpus = runs.map((r) => r.cpu);
  const cpu = cpus.every((c) => c !== null) ? `; CPU median ${median(cpus as number[]).toFixed(2)} s` : '';
  return `median ${median(runs.map((r) => r.ms)).toFixed(0)} ms (runs ${wall}${cpu})`;
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
  const checkRuns: CliTiming[] = [];
  for (let i = 0; i < Number(values['check-runs']); i++) checkRuns.push(timeCli(['check', values.file!]));
  const checkMs = median(checkRuns.map((r) => r.ms));
  console.log(`rulemart check ${values.file}: ${describe(checkRuns)}`);

  const dir = mkdtempSync(join(os.tmpdir(), 'rulemart-compile-bench-'));
  try {
    const docs = generateDocuments(Number(values.docs));
    mkdirSync(join(dir, 'docs'), { recursive: true });
    for (const d of docs) writeFileSync(join(dir, 'docs', d.name), d.text);
    const compileRuns: CliTiming[] = [];
    for (let i = 0; i < Number(values['compile-runs']); i++) {
      const out = join(dir, `out-${i}`);
      compileRuns.push(timeCli(['compile', join(dir, 'docs'), '--out', out]));
      const written = readdirSync(out).length;
      if (written !== docs.length) throw new Error(`compile wrote ${written} folders for ${docs.length} documents`);
    }
    const compileMs = median(compileRuns.map((r) => r.ms));
    console.log(`rulemart compile of ${docs.length} documents: ${describe(compileRuns)}`);

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
