// The compile worker thread: checks and compiles rule source off the server's event loop, so one
// tenant's big publish, check or preview never stalls every other tenant's calls. Answers each job
// `{ id, op, args }` with `{ id, ok, value }` or `{ id, ok: false, message }`.
import { parentPort } from 'node:worker_threads';
import { compileOne, compileSource } from '../../compiler/index.ts';
import { checkSource } from '../../dsl/index.ts';
import type { CompileJob, CompileReply } from './protocol.ts';

async function run(job: CompileJob): Promise<unknown> {
  switch (job.op) {
    case 'check':
      return { diagnostics: checkSource(job.text, job.file).diagnostics };
    case 'compile':
      return compileSource(job.text, job.file);
    case 'compileOne':
      return compileOne(job.text, job.file, job.name);
  }
}

parentPort?.on('message', (job: CompileJob) => {
  run(job).then(
    (value) => parentPort!.postMessage({ id: job.id, ok: true, value } satisfies CompileReply),
    (e: unknown) => parentPort!.postMessage({ id: job.id, ok: false, message: e instanceof Error ? e.message : String(e) } satisfies CompileReply),
  );
});
parentPort?.postMessage({ id: 0, ok: true, value: 'ready' } satisfies CompileReply);
