// A small strict flag parser over node:util parseArgs: unknown flags, missing values and missing
// required flags become a UsageError, which the CLI reports with exit code 2.
import { parseArgs } from 'node:util';

/** A mistake in how the command was called (exit 2, usage on stderr). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type FlagSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/** Parsed flags and positionals. */
export interface Parsed {
  flags: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Parses `argv` strictly against `spec`; `required` flags must be present. */
export function parseFlags(argv: string[], spec: FlagSpec, required: string[] = []): Parsed {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: spec, strict: true, allowPositionals: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message.split('\n')[0]! : String(e));
  }
  for (const name of required) {
    if (parsed.values[name] === undefined) throw new UsageError(`missing required flag --${name}`);
  }
  return { flags: parsed.values as Parsed['flags'], positionals: parsed.positionals };
}

/** The value of a string flag restricted to `allowed`. */
export function oneOf<T extends string>(value: string | boolean | undefined, flag: string, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}
