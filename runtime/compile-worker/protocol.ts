// Messages between the server and its compile worker thread.

/** A job for the worker: check, compile all documents, or compile one by name. */
export type CompileJob =
  | { id: number; op: 'check'; text: string; file: string }
  | { id: number; op: 'compile'; text: string; file: string }
  | { id: number; op: 'compileOne'; text: string; file: string; name?: string };

/** The worker's answer to job `id` (id 0: the worker has loaded and is ready). */
export type CompileReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };
