// One compile worker thread for the server: jobs are queued to it in order; a job that runs longer
// than the time limit (or a worker that dies) is answered with an error and the worker is replaced,
// so a pathological document costs its sender an error, not everyone the server.
import { Worker } from 'node:worker_threads';
import type { CompileJob, CompileReply } from './protocol.ts';

type JobInput = CompileJob extends infer J ? (J extends CompileJob ? Omit<J, 'id'> : never) : never;

interface Pending {
  job: CompileJob;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** The worker thread could not start at all (its cause attached): callers may compile in-process. */
export class WorkerStartError extends Error {
  constructor(cause: unknown) {
    super(`the compile worker could not start: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'WorkerStartError';
  }
}

/** Compile jobs took longer than `timeoutMs` (the worker was replaced). */
export class CompileTimeoutError extends Error {
  constructor(ms: number) {
    super(`compiling took longer than ${ms} ms and was stopped`);
    this.name = 'CompileTimeoutError';
  }
}

/**
 * A single compile worker with a queue.
 * @example const pool = new CompileWorker(); const { diagnostics } = await pool.run({ op: 'check', text, file });
 */
export class CompileWorker {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private readonly queue: Pending[] = [];
  private current: Pending | null = null;
  private timer: NodeJS.Timeout | null = null;
  private nextId = 1;
  private closed = false;

  constructor(private readonly timeoutMs = 60_000) {}

  /** Runs a job on the worker thread (starting it on first use). */
  run<T>(input: JobInput): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the compile worker is closed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ job: { ...input, id: this.nextId++ } as CompileJob, resolve: resolve as (v: unknown) => void, reject });
      void this.pump();
    });
  }

  /** Stops the worker; queued jobs are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error('the compile worker is closed'));
    this.current?.reject(new Error('the compile worker is closed'));
    this.current = null;
    if (this.timer) clearTimeout(this.timer);
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  private start(): Promise<void> {
    this.ready ??= new Promise<void>((resolve, reject) => {
      const w = new Worker(new URL('./worker-entry.mjs', import.meta.url));
      // Only a running job keeps the process alive (pump refs, finish unrefs).
      w.unref();
      this.worker = w;
      let up = false;
      w.on('message', (m: CompileReply) => {
        if (m.id === 0) {
          up = true;
          return resolve();
        }
        this.finish(m);
      });
      const fail = (e: Error) => {
        if (this.worker !== w) return;
        if (!up) {
          // It never started: no retry loop, the waiting jobs get the error (pump rejects them).
          this.worker = null;
          this.ready = null;
          void w.terminate();
          return reject(e);
        }
        this.replace(e);
      };
      w.on('error', (e) => fail(e instanceof Error ? e : new Error(String(e))));
      w.on('exit', () => fail(new Error('the compile worker stopped')));
    });
    return this.ready;
  }

  private async pump(): Promise<void> {
    if (this.current || this.queue.length === 0 || this.closed) return;
    try {
      await this.start();
    } catch (e) {
      const error = new WorkerStartError(e);
      for (const p of this.queue.splice(0)) p.reject(error);
      return;
    }
    if (this.current || this.queue.length === 0 || !this.worker) return;
    const p = this.queue.shift()!;
    this.current = p;
    this.worker.ref();
    this.timer = setTimeout(() => this.replace(new CompileTimeoutError(this.timeoutMs)), this.timeoutMs);
    this.worker.postMessage(p.job);
  }

  private finish(m: CompileReply): void {
    const p = this.current;
    if (!p || p.job.id !== m.id) return;
    this.current = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (m.ok) p.resolve(m.value);
    else p.reject(new Error(m.message));
    if (this.queue.length === 0) this.worker?.unref();
    void this.pump();
  }

  /** Fails the running job with `error`, drops the worker and starts a fresh one for the queue. */
  private replace(error: Error): void {
    const old = this.worker;
    this.worker = null;
    this.ready = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const p = this.current;
    this.current = null;
    p?.reject(error);
    if (old) void old.terminate();
    void this.pump();
  }
}
