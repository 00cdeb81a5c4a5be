// `rulemart publish <paths...> --server <url> --key <key> [--public]`: sends each rule file's source
// to the server, which compiles and registers it (one file is all or nothing).
import { readFileSync } from 'node:fs';
import { collectRuleFiles } from '../files.ts';
import { parseFlags, UsageError } from '../args.ts';

interface Diag {
  file: string;
  line: number;
  column: number;
  severity: string;
  code: string;
  message: string;
}

/** Publishes the files; exit 0 when every file published (or was unchanged), 1 otherwise. */
export async function run(argv: string[]): Promise<number> {
  const { flags, positionals } = parseFlags(argv, {
    server: { type: 'string' },
    key: { type: 'string' },
    public: { type: 'boolean' },
    private: { type: 'boolean' },
  });
  const server = ((flags.server as string | undefined) ?? process.env.RULEMART_SERVER)?.replace(/\/+$/, '');
  const key = (flags.key as string | undefined) ?? process.env.RULEMART_KEY;
  if (!server) throw new UsageError('missing required flag --server (or RULEMART_SERVER)');
  if (!key) throw new UsageError('missing required flag --key (or RULEMART_KEY)');
  if (positionals.length === 0) throw new UsageError('give the rule files or folders to publish');
  if (flags.public && flags.private) throw new UsageError('--public and --private exclude each other');
  const { files, missing } = collectRuleFiles(positionals);
  for (const m of missing) process.stderr.write(`rulemart publish: no such file or folder: ${m}\n`);
  let failed = missing.length > 0;
  const visibility = flags.public ? '&visibility=public' : flags.private ? '&visibility=private' : '';
  for (const file of files) {
    let res: Response;
    try {
      res = await fetch(`${server}/v1/publish?file=${encodeURIComponent(file)}${visibility}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/yaml' },
        body: readFileSync(file, 'utf8'),
      });
    } catch (e) {
      process.stderr.write(`rulemart publish: cannot reach ${server}: ${e instanceof Error ? e.message : String(e)}\n`);
      return 1;
    }
    const body = (await res.json().catch(() => null)) as any;
    if (res.status === 200 || res.status === 201) {
      for (const item of body as { sku: string; version: string; sourceHash: string; status: string }[]) {
        process.stdout.write(`${item.status === 'created' ? 'published' : 'unchanged'} ${item.sku} ${item.version} ${item.sourceHash.slice(0, 12)}\n`);
      }
      continue;
    }
    failed = true;
    if (res.status === 422 && Array.isArray(body?.diagnostics)) {
      for (const d of body.diagnostics as Diag[]) process.stderr.write(`${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}\n`);
      process.stderr.write(`${file}: not published (${body.diagnostics.length} error(s))\n`);
    } else {
      process.stderr.write(`${file}: ${res.status} ${body?.code ?? ''}: ${body?.title ?? ''}\n`);
      for (const c of (body?.changes ?? []) as { path: string; message: string }[]) process.stderr.write(`  ${c.path}: ${c.message}\n`);
    }
  }
  return failed ? 1 : 0;
}
