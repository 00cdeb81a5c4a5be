// The JSON-lines logger: every line is a JSON object; lines of one turn go out in one write.
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

describe('logger', () => {
  it('writes one JSON object per line, batched per event-loop turn, errors at once', async () => {
    const writes: string[] = [];
    const log = createLogger({ write: (t) => writes.push(t) });
    log.log('info', 'request', { requestId: 'r1', status: 200 });
    log.log('info', 'request', { requestId: 'r2', status: 404 });
    expect(writes).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(writes).toHaveLength(1);
    const lines = writes[0]!.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', msg: 'request', requestId: 'r1', status: 200, time: expect.any(String) }),
      expect.objectContaining({ requestId: 'r2', status: 404 }),
    ]);
    log.log('error', 'boom', { requestId: 'r3' });
    expect(writes).toHaveLength(2);
    expect(JSON.parse(writes[1]!)).toMatchObject({ level: 'error', requestId: 'r3' });
  });

  it('silent drops everything', async () => {
    const writes: string[] = [];
    createLogger({ silent: true, write: (t) => writes.push(t) }).log('error', 'x');
    await new Promise((r) => setImmediate(r));
    expect(writes).toEqual([]);
  });
});

describe('logger line text', () => {
  it('is JSON.stringify of { time, level, msg, ...fields }, byte for byte', async () => {
    const writes: string[] = [];
    const log = createLogger({ write: (t) => writes.push(t) });
    const cases: (Record<string, unknown> | undefined)[] = [
      undefined, {}, { a: 1, b: undefined, c: 'x"y\n', d: [1, { e: null }] }, { msg: 'override', level: 'x', z: 1 }, { time: 't' },
    ];
    for (const f of cases) log.log('warn', 'm "q"', f);
    await new Promise((r) => setImmediate(r));
    const lines = writes.join('').split('\n').slice(0, -1);
    expect(lines).toHaveLength(cases.length);
    cases.forEach((f, i) => {
      const time = (JSON.parse(lines[i]!) as { time: string }).time;
      expect(lines[i]).toBe(JSON.stringify({ time: f?.time ?? time, level: 'warn', msg: 'm "q"', ...f }));
    });
  });
});
