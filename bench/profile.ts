// `node --cpu-prof --import tsx bench/profile.ts`: runs only the compiled executor over the
// benchmark carts for a few seconds, so a CPU profile shows where one call spends its time.
import { makeCarts } from './carts.ts';
import { compiledContestant } from './engines/compiled.ts';

const carts = makeCarts(2000);
const compiled = await compiledContestant();
const until = Date.now() + Number(process.env.PROFILE_MS ?? 5000);
let calls = 0;
let sink = 0;
while (Date.now() < until) {
  for (const cart of carts) sink += compiled.run(cart) as number;
  calls += carts.length;
}
console.log(`${calls} calls, ${Math.round(calls / (Number(process.env.PROFILE_MS ?? 5000) / 1000))} ops/s (sink ${sink})`);
