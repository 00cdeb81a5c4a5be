// The hosted-runtime commands as a user runs them (spawning ./bin/rulemart): `serve --demo` prints
// the admin token, a key and a working curl line; `publish` sends files (atomic per file) and
// reports diagnostics; `client` writes a typed client for what the server shows.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promoDoc } from '../../runtime/testing/docs.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'rulemart');
let dir: string;
let server: ChildProcess;
let lines: string[] = [];
let url = '';
let key = '';

function rulemart(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(bin, args, { cwd: dir });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rulemart-cli-'));
  mkdirSync(join(dir, 'examples'));
  // Own small examples, so this test does not follow every change of examples/.
  const tests = `tests:
  - name: under the threshold
    input: { cart: { items: [ { sku: A, price: 50, qty: 1 } ] } }
    expect: { applied: false }
  - name: over the threshold
    input: { cart: { items: [ { sku: A, price: 60, qty: 2 } ] } }
    expect: { applied: true, discount: "30.00" }
`;
  writeFileSync(join(dir, 'examples', 'a.yaml'), promoDoc({ name: 'demo-threshold', extra: tests }));
  writeFileSync(join(dir, 'examples', 'b.yaml'), promoDoc({ name: 'demo-other', discount: '10' }));
  server = spawn(bin, ['serve', '--demo', '--quiet', '--port', '0', '--db', join(dir, 'demo.db'), '--examples', join(dir, 'examples')], {
    cwd: dir,
    env: { ...process.env, RULEMART_ADMIN_TOKEN: '' },
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('API reference:')) resolve();
    });
    server.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
  lines = out.split('\n');
  url = /rulemart listening on (\S+)/.exec(out)![1]!;
  key = /demo key \(shown once\): (rk_\S+)/.exec(out)![1]!;
}, 120_000);

afterAll(() => {
  server?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

describe('rulemart serve --demo', () => {
  it('prints where it listens, the admin token once, the demo key and a curl line that works', async () => {
    expect(lines.some((l) => /^admin token .*: rat_/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith('demo tenant: demo; published 2 SKU versions'))).toBe(true);
    const curl = lines.find((l) => l.trim().startsWith('curl -s '))!;
    expect(curl).toContain('promo:demo-threshold:v1/execute');
    const body = /-d '(.*)'$/.exec(curl.trim())![1]!;
    expect(JSON.parse(body)).toEqual({ input: { cart: { items: [{ sku: 'A', price: 60, qty: 2 }] } } });
    const res = await fetch(`${url}/v1/skus/promo:demo-threshold:v1/execute`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ sku: 'promo:demo-threshold:v1', applied: true, discount: '30.00' });
  });
});

describe('rulemart publish', () => {
  it('publishes files, reports unchanged ones, and refuses a file with a bad document as a whole', async () => {
    writeFileSync(join(dir, 'good.yaml'), promoDoc({ name: 'cli-good' }));
    writeFileSync(join(dir, 'bad.yaml'), `${promoDoc({ name: 'cli-half' })}---\n${promoDoc({ name: 'cli-bad', discount: 'nope' })}`);
    const first = await rulemart(['publish', 'good.yaml', '--server', url, '--key', key, '--public']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^published promo:cli-good:v1 1\.0\.0 [0-9a-f]{12}$/m);
    const again = await rulemart(['publish', 'good.yaml', '--server', url, '--key', key]);
    expect(again.stdout).toMatch(/^unchanged promo:cli-good:v1/m);
    const bad = await rulemart(['publish', 'bad.yaml', '--server', url, '--key', key]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^bad\.yaml:\d+:\d+: error E\d{4}: /m);
    const detail = await fetch(`${url}/v1/skus/promo:cli-half:v1`, { headers: { authorization: `Bearer ${key}` } });
    expect(detail.status).toBe(404);
    expect((await rulemart(['publish', 'good.yaml', '--server', url])).code).toBe(2);
  });
});

describe('rulemart client', () => {
  it('writes a typed client with a method per SKU', async () => {
    const res = await rulemart(['client', '--out', 'gen/client.ts', '--server', url, '--key', key]);
    expect(res.code).toBe(0);
    const text = readFileSync(join(dir, 'gen', 'client.ts'), 'utf8');
    expect(text).toContain('promoDemoThresholdV1(input: PromoDemoThresholdV1Input');
    expect(text).toContain('"promo:demo-other:v1": { input: PromoDemoOtherV1Input');
    // The client of real compiled schemas type-checks, and a wrong input is a type error.
    writeFileSync(join(dir, 'gen', 'usage.ts'), `import { RulemartClient } from './client.ts';
const c = new RulemartClient({ baseUrl: '${url}', apiKey: 'rk_x' });
export const ok = () => c.promoDemoThresholdV1({ cart: { items: [{ sku: 'A', price: '12.50', qty: 1 }] } });
export const wrong = () => c.promoDemoThresholdV1({ cart: { items: [{ sku: 'A', price: '12.50', qty: 'one' }] } });
`);
    const program = ts.createProgram([join(dir, 'gen', 'usage.ts')], {
      strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
      allowImportingTsExtensions: true, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: [], skipLibCheck: true,
    });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName.split('/').pop()}:${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^usage\.ts:.*'string' is not assignable to type 'number'/);
  });
});
