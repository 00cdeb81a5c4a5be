// `npm run bench`: the same spend-threshold decision (two tiers, a category filter) computed by
// the rulemart compiled executor and four alternatives on the same seeded carts. All must agree
// on every cart's discount before anything is timed. Options: --carts N --rounds N --warmup N --seed N.
import os from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { disagreements } from './agreement.ts';
import { expectedDiscountCents, makeCarts } from './carts.ts';
import { compiledContestant } from './engines/compiled.ts';
import { handwrittenContestant } from './engines/handwritten.ts';
import { handwrittenExactContestant } from './engines/handwritten-exact.ts';
import { jsonLogicContestant } from './engines/json-logic.ts';
import { jsonRulesEngineContestant } from './engines/json-rules-engine.ts';
import { zenContestant } from './engines/zen.ts';
import { measureInterleaved } from './measure.ts';
import { ratio, resultsTable } from './table.ts';

const COMPILED = 'rulemart compiled';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      carts: { type: 'string', default: '2000' },
      rounds: { type: 'string', default: '7' },
      warmup: { type: 'string', default: '2' },
      seed: { type: 'string', default: '20261111' },
    },
  });
  const carts = makeCarts(Number(values.carts), Number(values.seed));
  const compiled = await compiledContestant();
  const contestants = [
    compiled,
    handwrittenContestant(),
    handwrittenExactContestant(),
    jsonRulesEngineContestant(),
    jsonLogicContestant(),
    zenContestant(),
  ];

  const tiers = { none: 0, '30': 0, '80': 0 };
  for (const cart of carts) {
    const d = expectedDiscountCents(cart);
    tiers[d === 0 ? 'none' : d === 3000 ? '30' : '80']++;
  }
  console.log(`${carts.length} carts (seed ${values.seed}, 5-20 lines): no discount ${tiers.none}, 30 off ${tiers['30']}, 80 off ${tiers['80']}`);

  const problems = await disagreements(contestants, carts);
  if (problems.length > 0) {
    console.error(`engines disagree on ${problems.length} results:\n${problems.slice(0, 20).join('\n')}`);
    return 1;
  }
  console.log(`all ${contestants.length} engines agree on every cart\n`);

  const results = await measureInterleaved([...contestants, compiled.validateOnly], carts, Number(values.warmup), Number(values.rounds));
  const validate = results.pop()!;
  for (const m of results) console.log(`  ${m.name}: ${Math.round(m.opsPerSec)} ops/s (rounds ${m.rounds.map(Math.round).join(', ')})`);
  console.log(`  (breakdown) ${validate.name}: ${Math.round(validate.opsPerSec)} ops/s, ~${(100 * results[0].opsPerSec / validate.opsPerSec).toFixed(0)}% of a compiled call`);

  const cpus = os.cpus();
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`\n${new Date().toISOString()} · Node ${process.version} · ${cpus.length} × ${cpus[0]?.model ?? 'cpu'} · load average ${load}\n`);
  console.log(resultsTable(results, COMPILED));
  const goals = [
    { what: 'compiled ≥ 30x json-rules-engine', value: ratio(results, COMPILED, 'json-rules-engine'), ok: (r: number) => r >= 30 },
    { what: 'compiled ≥ 100x GoRules ZEN', value: ratio(results, COMPILED, 'GoRules ZEN'), ok: (r: number) => r >= 100 },
    { what: 'compiled within 10x of hand-written float code', value: ratio(results, 'hand-written TS (float)', COMPILED), ok: (r: number) => r <= 10 },
  ];
  console.log('\n| goal | measured | met |\n|---|---:|---|');
  for (const g of goals) console.log(`| ${g.what} | ${g.value.toFixed(1)}x | ${g.ok(g.value) ? 'yes' : 'no'} |`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  process.exitCode = await main();
}
