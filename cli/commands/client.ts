// `rulemart client --out <file.ts> --server <url> [--key <key>]`: writes a typed TypeScript client
// for the SKUs the server shows (public ones, and the key's tenant's own when a key is given).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseFlags, UsageError } from '../args.ts';

/** Fetches /openapi.json and writes the client module. */
export async function run(argv: string[]): Promise<number> {
  const { flags } = parseFlags(argv, { out: { type: 'string', short: 'o' }, server: { type: 'string' }, key: { type: 'string' } }, ['out']);
  const server = ((flags.server as string | undefined) ?? process.env.RULEMART_SERVER)?.replace(/\/+$/, '');
  const key = (flags.key as string | undefined) ?? process.env.RULEMART_KEY;
  if (!server) throw new UsageError('missing required flag --server (or RULEMART_SERVER)');
  let doc: unknown;
  try {
    const res = await fetch(`${server}/openapi.json`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
    if (!res.ok) {
      process.stderr.write(`rulemart client: ${server}/openapi.json answered ${res.status}\n`);
      return 1;
    }
    doc = await res.json();
  } catch (e) {
    process.stderr.write(`rulemart client: cannot reach ${server}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  const { generateClient } = await import('../../runtime/client/codegen.ts');
  const out = flags.out as string;
  const source = generateClient(doc as Parameters<typeof generateClient>[0], `${server}/openapi.json`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, source);
  const count = (source.match(/^ {2}"[^"]+": \{ input:/gm) ?? []).length;
  process.stdout.write(`wrote ${out} (${count} SKU${count === 1 ? '' : 's'})\n`);
  return 0;
}
