// The generated executor.ts (and executor.d.ts) type-check under `strict`: a user can drop them
// into a TypeScript project. Uses the TypeScript compiler API over an in-memory file set.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { compileDocument } from './compile.ts';
import { samplePricing, samplePromotion, sampleSelection } from './testing/kinds.ts';
import { hostileDocForTypes } from './testing/hostile-types.ts';

const ts = createRequire(import.meta.url)('typescript') as typeof import('typescript');

function diagnosticsOf(files: Record<string, string>): string[] {
  const options: import('typescript').CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts'],
    types: [],
    skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  host.readFile = (f) => (f in files ? files[f] : read(f));
  host.fileExists = (f) => f in files || exists(f);
  const dirExists = host.directoryExists?.bind(host);
  host.directoryExists = (d) => d.startsWith('/gen') || (dirExists ? dirExists(d) : false);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang) => (f in files ? ts.createSourceFile(f, files[f]!, lang) : getSourceFile(f, lang));
  const program = ts.createProgram(Object.keys(files), options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe('generated TypeScript', () => {
  it('type-checks under strict for every kind, and a consumer of executor.d.ts type-checks', async () => {
    const files: Record<string, string> = {};
    for (const [dir, make] of [['promo', samplePromotion], ['select', sampleSelection], ['price', samplePricing], ['hostile', hostileDocForTypes]] as const) {
      const unit = await compileDocument(make());
      files[`/gen/${dir}/executor.ts`] = unit.files['executor.ts'];
      files[`/gen/${dir}/executor.d.ts`] = unit.files['executor.d.ts'];
    }
    files['/gen/consumer.ts'] = [
      "import promo, { type Input } from './promo/executor';",
      "const input: Input = { cart: { items: [{ sku: 'A', category: 'c', price: '1.50', qty: 1 }] }, user: { id: 'u', level: 'vip' } };",
      'const out = promo.execute(input, { params: { threshold: 100 }, now: new Date() });',
      'const d: string = out.discount;',
      'export { d };',
    ].join('\n');
    expect(diagnosticsOf(files)).toEqual([]);
  }, 60_000);
});
