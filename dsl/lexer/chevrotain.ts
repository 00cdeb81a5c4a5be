// Loads chevrotain from its single-file bundle. The package's normal entry pulls in hundreds of
// small modules (lodash-es) and costs 1-2 s of startup, which `rulemart check` cannot afford;
// the bundle (shipped in the same package, but not listed in its "exports") loads in ~80 ms.
// Falls back to the normal entry if the bundle is ever missing.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Chevrotain from 'chevrotain';

async function load(): Promise<typeof Chevrotain> {
  try {
    const entry = createRequire(import.meta.url).resolve('chevrotain');
    const bundle = join(dirname(entry), '..', 'chevrotain.min.mjs');
    if (existsSync(bundle)) return (await import(pathToFileURL(bundle).href)) as typeof Chevrotain;
  } catch {
    // fall through to the regular entry point
  }
  return import('chevrotain');
}

const chevrotain = await load();

export const { createToken, Lexer, CstParser } = chevrotain;
