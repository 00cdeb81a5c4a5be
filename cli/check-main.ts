// The entry bin/rulemart prebuilds into one JavaScript file for `rulemart check`: the dispatcher
// with only the check command, so `check` starts without the TypeScript loader and the many
// small modules behind it (see docs/cli.md, "Start-up").
import * as check from './commands/check.ts';
import { main } from './main.ts';

/** `main` for `rulemart check ...` (any other command is reported as unavailable). */
export function checkMain(argv: string[]): Promise<number> {
  return main(argv, async (name) => (name === 'check' ? check : null));
}
