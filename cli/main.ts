// The rulemart CLI entry: dispatches to one module per command under cli/commands/, imported
// lazily so `rulemart check` loads only the front end (never the compiler back end or ts-morph).
import { existsSync } from 'node:fs';
import { UsageError } from './args.ts';
import { USAGE } from './help.ts';

/** Commands implemented in this folder. */
const LOCAL = ['check', 'compile', 'test', 'run', 'apply'];
/** Commands of the hosted runtime and billing, implemented by their own modules. */
const HOSTED = ['serve', 'publish', 'client', 'usage', 'invoice', 'reconcile', 'worker'];

let pipesHandled = false;

/** A closed pipe (`rulemart compile ... | head`) is not an error worth a stack trace. */
function ignoreClosedPipes(): void {
  if (pipesHandled) return;
  pipesHandled = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    });
  }
}

interface CommandModule {
  run(argv: string[]): Promise<number>;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. Never throws. */
export async function main(argv: string[]): Promise<number> {
  ignoreClosedPipes();
  const [command, ...rest] = argv;
  if (command === undefined) {
    process.stderr.write(USAGE);
    return 2;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!LOCAL.includes(command) && !HOSTED.includes(command)) {
    process.stderr.write(`rulemart: unknown command '${command}'\n\n${USAGE}`);
    return 2;
  }
  const url = new URL(`./commands/${command}.ts`, import.meta.url);
  if (!existsSync(url)) {
    process.stderr.write(`rulemart: the '${command}' command is not available in this build (missing cli/commands/${command}.ts)\n`);
    return 2;
  }
  try {
    const mod = (await import(url.href)) as CommandModule;
    return await mod.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`rulemart ${command}: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    process.stderr.write(`rulemart ${command}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
