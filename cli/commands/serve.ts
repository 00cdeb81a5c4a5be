// `rulemart serve [--port] [--db] [--host] [--demo]`: starts the hosted runtime on the embedded
// SQLite catalog; with --demo (npm start) it also sets up the demo tenant and prints how to call it.
import { parseFlags, UsageError } from '../args.ts';

/** Runs the server until SIGINT/SIGTERM; prints `rulemart listening on <url>` once it listens. */
export async function run(argv: string[]): Promise<number> {
  const { flags } = parseFlags(argv, {
    port: { type: 'string', short: 'p' },
    db: { type: 'string' },
    host: { type: 'string' },
    demo: { type: 'boolean' },
    examples: { type: 'string' },
    'database-url': { type: 'string' },
    'redis-url': { type: 'string' },
    'redis-prefix': { type: 'string' },
    'no-usage-consumer': { type: 'boolean' },
    'body-limit': { type: 'string' },
    quiet: { type: 'boolean' },
  });
  const portText = (flags.port as string | undefined) ?? process.env.PORT ?? '8787';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got ${portText}`);
  const bodyLimit = flags['body-limit'] === undefined ? undefined : Number(flags['body-limit']);
  if (bodyLimit !== undefined && (!Number.isInteger(bodyLimit) || bodyLimit <= 0)) throw new UsageError('--body-limit must be a positive number of bytes');
  // Storage: flags, then DATABASE_URL / REDIS_URL / RULEMART_REDIS_PREFIX (runtime/cluster/config.ts).
  const { resolveStorage, StorageConfigError } = await import('../../runtime/cluster/config.ts');
  let storage;
  try {
    storage = resolveStorage({ databaseUrl: flags['database-url'] as string | undefined, redisUrl: flags['redis-url'] as string | undefined, redisPrefix: flags['redis-prefix'] as string | undefined });
  } catch (e) {
    if (e instanceof StorageConfigError) throw new UsageError(e.message);
    throw e;
  }
  const { startServer } = await import('../../runtime/server.ts');
  const { createLogger } = await import('../../runtime/logger.ts');
  // With --demo the request log starts after the demo is set up, so the key and the curl line
  // are not buried under the log lines of its own publish and subscribe calls.
  const logger = createLogger({ silent: flags.quiet === true });
  let settingUp = flags.demo === true;
  const demoQuiet: typeof logger = { log: (level, msg, fields) => (settingUp && level !== 'error' ? undefined : logger.log(level, msg, fields)) };
  const server = await startServer({
    port,
    hostname: flags.host as string | undefined,
    dbPath: (flags.db as string | undefined) ?? process.env.RULEMART_DB ?? '.data/rulemart.db',
    bodyLimit,
    logger: demoQuiet,
    databaseUrl: storage.databaseUrl ?? undefined,
    redisUrl: storage.redisUrl ?? undefined,
    redisPrefix: storage.redisPrefix,
    consumeUsage: !(flags['no-usage-consumer'] === true || process.env.RULEMART_USAGE_CONSUMER === 'off'),
  });
  const out = (s: string) => process.stdout.write(s + '\n');
  out(`rulemart listening on ${server.url}`);
  if (server.generatedAdminToken) out(`admin token (shown once; set RULEMART_ADMIN_TOKEN to choose your own): ${server.generatedAdminToken}`);
  if (flags.demo) {
    const { setupDemo } = await import('../../runtime/demo.ts');
    const demo = await setupDemo(server, (flags.examples as string | undefined) ?? 'examples');
    out(`demo tenant: ${demo.tenant}; published ${demo.published.length} SKU versions from examples/`);
    for (const f of demo.failed) out(`  not published: ${f.file} (${f.status}) ${f.detail}`);
    if (!server.generatedAdminToken) out('admin token: set on the first start of this database (or by RULEMART_ADMIN_TOKEN)');
    out(`demo key (shown once): ${demo.key}`);
    if (demo.curl) out(`try:\n  ${demo.curl}`);
    out(`API reference: ${server.url}/docs`);
    settingUp = false;
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
