// Structured logs: one JSON object per line, each request's lines carrying its request id.
// Lines are gathered and written once per event-loop turn (one syscall for many requests, which
// matters on the execute path); errors are written at once, and pending lines on exit.

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
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  let pending = '';
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (!pending) return;
    const text = pending;
    pending = '';
    write(text);
  };
  process.once('exit', flush);
  return {
    log(level, msg, fields) {
      pending += line(level, msg, fields);
      if (level === 'error' || pending.length > 65536) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
  };
}

// The time text of the current millisecond (many lines share one under load).
let lastMs = -1;
let lastIso = '';

/**
 * `JSON.stringify({ time, level, msg, ...fields }) + '\n'` without building the merged object: the
 * fields' own JSON spliced after the three leading members (the same text, byte for byte).
 */
function line(level: LogLevel, msg: string, fields: Record<string, unknown> | undefined): string {
  const now = Date.now();
  if (now !== lastMs) {
    lastMs = now;
    lastIso = new Date(now).toISOString();
  }
  if (fields && ('time' in fields || 'level' in fields || 'msg' in fields)) {
    return JSON.stringify({ time: lastIso, level, msg, ...fields }) + '\n';
  }
  const rest = fields ? JSON.stringify(fields) : '{}';
  return `{"time":"${lastIso}","level":"${level}","msg":${JSON.stringify(msg)}${rest.length > 2 ? ',' + rest.slice(1) : '}'}\n`;
}
