// The runtime files stay concatenable: stripping sibling imports and `export` keywords and
// pasting them in RUNTIME_FILES order gives one module with unique names, no imports, no
// Node APIs, that type-checks and runs (as the compiler will do for every executor).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { RUNTIME_DIR, RUNTIME_FILES } from './manifest.ts';

function concatenated(): string {
  return RUNTIME_FILES.map((f) => readFileSync(join(RUNTIME_DIR, f), 'utf8')
    .split('\n')
    .filter((l) => !/^import .* from '\.\/[a-z-]+\.ts';$/.test(l))
    .map((l) => l.replace(/^export (?=(async )?(function|const|class|interface|type|abstract) )/, ''))
    .join('\n')).join('\n');
}

describe('runtime manifest', () => {
  const src = concatenated();

  it('lists every runtime file and only sibling imports remain out', () => {
    for (const f of RUNTIME_FILES) expect(readFileSync(join(RUNTIME_DIR, f), 'utf8').length).toBeGreaterThan(0);
    expect(src).not.toMatch(/^\s*import /m);
    expect(src).not.toMatch(/^\s*export /m);
    expect(src).not.toMatch(/\brequire\(|\bprocess\.|\bBuffer\b|node:/);
  });

  it('has unique top-level names', () => {
    const names = [...src.matchAll(/^(?:async )?(?:function|const|let|class|interface|type) ([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]);
    const dup = names.filter((n, i) => names.indexOf(n) !== i);
    expect(dup).toEqual([]);
  });

  it('type-checks as one module', () => {
    const file = '/virtual/runtime.ts';
    const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, strict: true, noEmit: true, lib: ['lib.es2022.d.ts'], types: [] };
    const host = ts.createCompilerHost(options);
    const orig = host.getSourceFile.bind(host);
    host.getSourceFile = (name, lang) => (name === file ? ts.createSourceFile(name, src + '\nexport {};\n', lang) : orig(name, lang));
    const program = ts.createProgram([file], options, host);
    const diags = ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName === file);
    expect(diags.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  });

  it('runs when transpiled and loaded as a self-contained module', async () => {
    const tail = `
export const out = rtMakeExecutor({
  kind: 'Promotion', sku: 'promo:x:v1', name: 'x', version: '1.0.0', timezone: 'Asia/Shanghai', rounding: 'half-up',
  input: { kind: 'object', fields: [{ name: 'cart', type: { kind: 'object', fields: [
    { name: 'items', type: { kind: 'list', element: { kind: 'object', fields: [{ name: 'sku', type: { kind: 'string' } }, { name: 'price', type: { kind: 'money' } }, { name: 'qty', type: { kind: 'int' } }] } } },
    { name: 'shipping', type: { kind: 'optional', inner: { kind: 'money' } } }] } }] },
  params: { kind: 'object', fields: [] }, paramDefaults: (p) => p, letTypes: [],
  bind: (input, params, now, pre) => ({ ...input, ...params, now, ...pre }),
  class: 'order', priority: 0, combinesWith: [], window: null, condition: null, policy: 'first', limits: null,
  rules: [{ name: 'r', when: (env) => decCmp(env.subtotal, decParse('100')) >= 0 && timeHour(env.now, 'Asia/Shanghai') === 8, then: { orderDiscount: () => decParse('10') } }],
}).execute({ cart: { items: [{ sku: 'A', price: '120', qty: 1 }] } }, { now: '2026-01-01T00:00:00Z' });`;
    const js = ts.transpileModule(src + tail, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
    const mod = await import('data:text/javascript;base64,' + Buffer.from(js).toString('base64'));
    expect(mod.out).toMatchObject({ applied: true, discount: '10.00', total: '110.00' });
  });
});
