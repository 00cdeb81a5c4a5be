// `rulemart apply <files...> --input <file.json|-> [--strategy priority|best] [--now <iso>]`:
// combines the Promotions of the given files on one cart (SPEC section 4.1).
import { combine } from '../../compiler/index.ts';
import { UsageError, oneOf, parseFlags } from '../args.ts';
import { collectRuleFiles } from '../files.ts';
import { describeError, parseJson, readTextArg } from '../io.ts';
import { buildFile } from '../select.ts';
import type { Built } from '../select.ts';

/** Runs `apply`; 0 on success, 1 on bad input or files with errors (details on stderr). */
export async function run(argv: string[]): Promise<number> {
  const { flags, positionals } = parseFlags(argv, { input: { type: 'string' }, strategy: { type: 'string' }, now: { type: 'string' } }, ['input']);
  const strategy = oneOf(flags.strategy, 'strategy', ['priority', 'best'] as const, 'priority');
  if (positionals.length === 0) throw new UsageError('apply needs at least one rule file');
  const { files, missing } = collectRuleFiles(positionals);
  for (const m of missing) process.stderr.write(`rulemart apply: no such file or folder: ${m}\n`);
  if (missing.length > 0) return 1;
  const promotions: Built[] = [];
  for (const file of files) {
    const built = buildFile(file, 'apply');
    if (built === null) return 1;
    promotions.push(...built.filter((b) => b.document.kind === 'Promotion'));
  }
  if (promotions.length === 0) {
    process.stderr.write('rulemart apply: the files hold no Promotion document\n');
    return 1;
  }
  const skus = new Set<string>();
  for (const p of promotions) {
    if (skus.has(p.document.sku)) {
      process.stderr.write(`rulemart apply: ${p.document.sku} is given twice\n`);
      return 1;
    }
    skus.add(p.document.sku);
  }
  let inputText: string;
  try {
    inputText = readTextArg(String(flags.input));
  } catch (e) {
    process.stderr.write(`rulemart apply: cannot read --input: ${(e as Error).message}\n`);
    return 1;
  }
  const input = parseJson(inputText, '--input');
  if (!input.ok) {
    process.stderr.write(`rulemart apply: ${input.message}\n`);
    return 1;
  }
  try {
    const options: Parameters<typeof combine>[2] = { strategy };
    if (flags.now !== undefined) options.now = String(flags.now);
    const output = combine(promotions.map((p) => p.executor), input.value, options);
    process.stdout.write(JSON.stringify(output, null, 2) + '\n');
    return 0;
  } catch (e) {
    process.stderr.write(describeError(e) + '\n');
    return 1;
  }
}
