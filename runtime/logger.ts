// Structured logs: one JSON object per line, each request's lines carrying its request id.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** A JSON-lines logger. */
export interface Logger {
  log(level: LogLevel, msg: string, fields?: Record<string, unknown>): void;
}

/**
 * A logger writing JSON lines to `write` (stdout by default); `silent` drops everything (tests).
 *
 * @example
 * createLogger().log('info', 'request', { requestId, status: 200 })
 */
export function createLogger(options: { write?: (line: string) => void; silent?: boolean } = {}): Logger {
  if (options.silent) return { log() {} };
  const write = options.write ?? ((line: string) => process.stdout.write(line));
  return {
    log(level, msg, fields) {
      write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }) + '\n');
    },
  };
}
