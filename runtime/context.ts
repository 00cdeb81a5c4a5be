// The per-request variables that the runtime's middlewares set and read (Hono `Variables`).
import type { Executor } from '../compiler/runtime/plan.ts';
import type { Scope, Subscription } from '../catalog/store.ts';
import type { SkuEntry } from './catalog-cache.ts';

/** Who is calling: the tenant and the key it used. */
export interface Principal {
  tenantId: string;
  keyId: string;
  scopes: Scope[];
}

/** The parsed options of an execute-like call. */
export interface CallOptions {
  params?: Record<string, unknown>;
  now?: string;
  trace?: boolean;
}

/** What running an executor on one input gave (runtime/middleware/execute runExecutor), and how long it took. */
export interface ExecutorRun {
  result: { ok: true; output: unknown } | { ok: false; status: number; code: string; title: string; errors?: unknown };
  ms: number;
}

/** Hono variables of the runtime. Each is set by the middleware named beside it. */
export interface Variables {
  /** request-id */
  requestId: string;
  /** auth (tenant keys) */
  principal: Principal;
  /** entitlement: the SKU being called, with its versions and rollout */
  sku: SkuEntry;
  /** entitlement */
  subscription: Subscription;
  /** rollout: the version chosen for this call */
  version: string;
  /** rollout */
  executor: Executor<any, any, any>;
  /** rollout: true when the canary version was chosen */
  canary: boolean;
  /** validate: the execute body's validated input (batch: each input, validated or not) */
  input: unknown;
  /** validate: the executor's run of the input (execution validates it), for the execute middleware */
  run: ExecutorRun;
  /** validate (batch): per input, the validated value with its run, or its errors */
  batch: ({ ok: true; value: unknown; run?: ExecutorRun } | { ok: false; errors: { path: string; message: string }[] })[];
  /** validate: the call's options, parameters merged over the subscription's */
  options: CallOptions;
  /** execute: the output (batch: the results), for metering */
  output: unknown;
  /** execute: how many billable units succeeded (1, or the successful inputs of a batch) */
  units: number;
  /** execute: executor time in milliseconds */
  latencyMs: number;
  /** metering: set when metering handled the call (it counts that call's errors itself) */
  metered: boolean;
}

/** The Hono environment type of the runtime app. */
export interface Env {
  Variables: Variables;
}
