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

/** What every cli/commands/<name>.ts exports. */
export interface CommandModule {
  run(argv: string[]): Promise<number>;
}

/** Finds a command's module; the default imports `cli/commands/<name>.ts` lazily. */
export type CommandLoader = (name: string) => Promise<CommandModule | null>;

async function importCommand(name: string): Promise<CommandModule | null> {
  const url = new URL(`./commands/${name}.ts`, import.meta.url);
  if (!existsSync(url)) return null;
  return (await import(url.href)) as CommandModule;
}

/**
 * Runs the CLI with `argv` (without node and script) and returns the exit code. Never throws.
 * `load` replaces the lazy import of command modules (bin/rulemart's prebuilt `check` uses it).
 */
export async function main(argv: string[], load: CommandLoader = importCommand): Promise<number> {
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
  try {
    const mod = await load(command);
    if (mod === null) {
      process.stderr.write(`rulemart: the '${command}' command is not available in this build (missing cli/commands/${command}.ts)\n`);
      return 2;
    }
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
