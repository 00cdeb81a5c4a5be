// The runtime library's file list, in the order the compiler pastes them into every generated
// executor (not itself inlined). Each listed file imports only siblings from this list, has
// unique top-level names and no top-level side effects beyond constants, so stripping the
// sibling `import` lines and the `export` keywords and concatenating in this order gives one
// valid module.
import { fileURLToPath } from 'node:url';

/** The runtime files to concatenate, in order, as names inside `compiler/runtime/`. */
export const RUNTIME_FILES: string[] = [
  'plan.ts',
  'errors.ts',
  'budget.ts',
  'decimal.ts',
  'time.ts',
  'convert-gen.ts',
  'values.ts',
  'cents.ts',
  'allocate.ts',
  'promotion.ts',
  'selection.ts',
  'pricing.ts',
  'executor.ts',
];

/** Absolute path of the `compiler/runtime/` folder (to read the files of `RUNTIME_FILES`). */
export const RUNTIME_DIR: string = fileURLToPath(new URL('.', import.meta.url));
