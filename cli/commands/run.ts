// `rulemart run <file> [--name <name>] --input <file.json|-> [--params <json>] [--now <iso>] [--trace]`:
// runs one document on one input and prints the output JSON.
import { UsageError, parseFlags } from '../args.ts';
import { describeError, parseJson, readTextArg } from '../io.ts';
import { buildFile } from '../select.ts';

/** Runs `run`; 0 on success, 1 on bad input or a document with errors (details on stderr). */
export async function run(argv: string[]): Promise<number> {
  const { flags, positionals } = parseFlags(
    argv,
    { name: { type: 'string' }, input: { type: 'string' }, params: { type: 'string' }, now: { type: 'string' }, trace: { type: 'boolean' } },
    ['input'],
  );
  if (positionals.length !== 1) throw new UsageError('run needs exactly one rule file');
  const built = buildFile(positionals[0]!, 'run');
  if (built === null) return 1;
  const name = flags.name as string | undefined;
  const candidates = name === undefined ? built : built.filter((b) => b.document.metadata.name === name || b.document.sku === name);
  if (candidates.length === 0) {
    process.stderr.write(`rulemart run: no document ${name === undefined ? '' : `named '${name}' `}in ${positionals[0]}\n`);
    return 1;
  }
  if (candidates.length > 1) {
    const names = candidates.map((b) => b.document.metadata.name).join(', ');
    throw new UsageError(`${positionals[0]} has several documents (${names}); choose one with --name`);
  }
  let inputText: string;
  try {
    inputText = readTextArg(String(flags.input));
  } catch (e) {
    process.stderr.write(`rulemart run: cannot read --input: ${(e as Error).message}\n`);
    return 1;
  }
  const input = parseJson(inputText, '--input');
  if (!input.ok) {
    process.stderr.write(`rulemart run: ${input.message}\n`);
    return 1;
  }
  const options: Record<string, unknown> = {};
  if (flags.params !== undefined) {
    const params = parseJson(String(flags.params), '--params');
    if (!params.ok) {
      process.stderr.write(`rulemart run: ${params.message}\n`);
      return 1;
    }
    options.params = params.value;
  }
  if (flags.now !== undefined) options.now = flags.now;
  if (flags.trace === true) options.trace = true;
  try {
    const output = candidates[0]!.executor.execute(input.value, options);
    process.stdout.write(JSON.stringify(output, null, 2) + '\n');
    return 0;
  } catch (e) {
    process.stderr.write(describeError(e) + '\n');
    return 1;
  }
}
