// The runtime library as one piece of source text, read once per process: the files of
// RUNTIME_FILES (compiler/runtime) then the expression helpers (compiler/prelude), with their
// sibling `import` lines and `export` keywords stripped so they concatenate into one module.
// The TypeScript text goes into executor.ts; its JavaScript (transpiled once, cached) into executor.js.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUNTIME_DIR, RUNTIME_FILES } from '../runtime/manifest.ts';

/** The expression helper files of compiler/prelude, pasted after the runtime. */
const PRELUDE_FILES = ['expr.ts'];
const PRELUDE_DIR = fileURLToPath(new URL('../prelude/', import.meta.url));

let cachedTs: string | null = null;
let cachedJs: string | null = null;
let cachedNames: Set<string> | null = null;

/** Removes `import ... from '...';` statements (also multi-line) and leading `export` keywords. */
export function stripModuleSyntax(text: string, file: string): string {
  let out = text.replace(/^import\s[^;]*?\sfrom\s+(['"])[^'"]+\1;?[ \t]*\r?\n?/gm, '');
  out = out.replace(/^export\s+(?=(?:async\s+)?function\b|const\b|let\b|class\b|interface\b|type\b|abstract\b|enum\b)/gm, '');
  const leftover = /^(?:import|export)\b.*$/m.exec(out);
  if (leftover) throw new Error(`${file}: cannot inline '${leftover[0]}'`);
  return out.trimEnd() + '\n';
}

function readStripped(dir: string, file: string, label: string): string {
  return `// ---- ${label}/${file} ----\n` + stripModuleSyntax(readFileSync(join(dir, file), 'utf8'), file);
}

/** The TypeScript text of the runtime library and expression helpers (cached per process). */
export function runtimeTs(): string {
  if (cachedTs === null) {
    const files = RUNTIME_FILES.includes('plan.ts') ? RUNTIME_FILES : ['plan.ts', ...RUNTIME_FILES];
    cachedTs = [
      ...files.map((f) => readStripped(RUNTIME_DIR, f, 'compiler/runtime')),
      ...PRELUDE_FILES.map((f) => readStripped(PRELUDE_DIR, f, 'compiler/prelude')),
    ].join('\n');
  }
  return cachedTs;
}

/** The runtime as JavaScript: `runtimeTs()` transpiled once per process with `typescript`. */
export function runtimeJs(): string {
  if (cachedJs === null) cachedJs = transpileTs(runtimeTs());
  return cachedJs;
}

/** Every top-level name the runtime declares (values and types): names a document's types must not take. */
export function runtimeTopLevelNames(): Set<string> {
  if (cachedNames === null) {
    cachedNames = new Set();
    const re = /^(?:declare\s+)?(?:async\s+)?(?:function\*?|const|let|var|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/gm;
    for (const m of runtimeTs().matchAll(re)) cachedNames.add(m[1]!);
  }
  return cachedNames;
}

/**
 * Strips TypeScript types. esbuild's transformSync is used rather than typescript's
 * transpileModule: the same JavaScript for this code, but it loads in ~20 ms instead of ~2-3 s,
 * which keeps `rulemart test`/`run` fast. Loaded lazily, once.
 */
export function transpileTs(text: string): string {
  const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  return esbuild.transformSync(text, { loader: 'ts', target: 'es2022', format: 'esm', legalComments: 'none' }).code;
}
