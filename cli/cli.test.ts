// The CLI end to end: spawns ./bin/rulemart and checks exit codes (SPEC section 9), output
// formats, and the files it writes. Rule files are written to a temporary folder per run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'rulemart');
let dir = '';

/** Spawns ./bin/rulemart: the real entry, exit code and streams. Slow (a fresh node), so used sparingly. */
function spawnRulemart(args: string[], input?: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, input, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs `main` of cli/main.ts in this process with stdout/stderr captured (same code path, no startup). */
async function rulemart(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const write = { out: process.stdout.write, err: process.stderr.write };
  const cwd = process.cwd();
  process.chdir(dir);
  process.stdout.write = ((chunk: string | Uint8Array) => (out.push(String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => (err.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    const code = await main(args);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
    process.chdir(cwd);
  }
}

const PROMO = `apiVersion: rulemart/v1
kind: Promotion
metadata: { name: spend, version: 1.0.0 }
types:
  Item: { sku: string, price: money, qty: int }
input:
  cart: { items: list<Item> }
params:
  threshold: money = 200
spec:
  priority: 10
  combinesWith: [order]
  rules:
    - when: subtotal >= threshold
      then: { orderDiscount: 30, message: "满\${threshold}减30" }
tests:
  - name: reaches the threshold
    input: { cart: { items: [ { sku: A, price: 230, qty: 1 } ] } }
    expect: { applied: true, discount: "30.00" }
  - name: below
    input: { cart: { items: [ { sku: A, price: 100, qty: 1 } ] } }
    expect: { applied: false, reason: no-rule }
`;

const SECOND = `apiVersion: rulemart/v1
kind: Promotion
metadata: { name: tenoff, version: 1.0.0 }
types:
  Item: { sku: string, price: money, qty: int }
input:
  cart: { items: list<Item> }
spec:
  priority: 5
  combinesWith: [order]
  rules:
    - when: "true"
      then: { orderDiscount: 10 }
`;

const FAILING_TEST = PROMO.replace('discount: "30.00"', 'discount: "31.00"').replace('name: spend', 'name: spend-wrong');
const BROKEN = `apiVersion: rulemart/v1
kind: Promotion
metadata: { name: broken, version: 1.0.0 }
types:
  Item: { sku: string, price: money, qty: int }
input:
  cart: { items: list<Item> }
  user: { id: string }
spec:
  rules:
    - when: user.id > subtotal
      then: { orderDiscount: 10 }
---
${SECOND.replace('name: tenoff', 'name: fine')}`;

const CART = JSON.stringify({ cart: { items: [{ sku: 'A', price: 230, qty: 1 }] } });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rulemart-cli-'));
  writeFileSync(join(dir, 'spend.yaml'), PROMO);
  writeFileSync(join(dir, 'tenoff.yml'), SECOND);
  writeFileSync(join(dir, 'wrong.yaml'), FAILING_TEST);
  writeFileSync(join(dir, 'broken.yaml'), BROKEN);
  writeFileSync(join(dir, 'cart.json'), CART);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('rulemart usage errors', () => {
  it('exit 2 with a usage text on stderr (spawned)', () => {
    const r = spawnRulemart(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
    expect(r.stderr).toContain('usage: rulemart');
  });

  it('exit 2 for unknown flags, missing required flags and bad flag values', async () => {
    for (const args of [[], ['check', '--bogus', 'x.yaml'], ['compile', 'spend.yaml'], ['check', '--format', 'xml', 'spend.yaml'], ['run', 'spend.yaml'], ['test']]) {
      const r = await rulemart(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('usage: rulemart');
    }
  });

  it('--help prints the usage on stdout and exits 0', async () => {
    const r = await rulemart(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('rulemart check <paths...>'.slice(0, 5));
  });
});

describe('rulemart check', () => {
  it('exits 0 on clean files and 1 with text diagnostics on errors (spawned)', async () => {
    expect((await rulemart(['check', 'spend.yaml', 'tenoff.yml'])).code).toBe(0);
    const r = spawnRulemart(['check', 'broken.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('broken.yaml:11:13: error E2003: cannot compare string with money');
    expect(r.stdout).toMatch(/user\.id > subtotal\n\s+\^+/);
    // The prebuilt road (bin/rulemart's cached bundle) and the loader road print the same.
    const slow = spawnRulemart(['check', 'broken.yaml'], undefined, { RULEMART_NO_PREBUILT: '1' });
    expect({ code: slow.code, stdout: slow.stdout }).toEqual({ code: r.code, stdout: r.stdout });
  });

  it('prints JSON diagnostics with --format json', async () => {
    const r = await rulemart(['check', '--format', 'json', '.']);
    expect(r.code).toBe(1);
    const diags = JSON.parse(r.stdout);
    expect(diags).toEqual([
      { file: 'broken.yaml', line: 11, column: 13, endLine: 11, endColumn: 31, severity: 'error', code: 'E2003', message: 'cannot compare string with money' },
    ]);
  });
});

describe('rulemart compile', () => {
  it('writes one folder per good document and exits 1 when one has errors', async () => {
    const r = await rulemart(['compile', '.', '--out', 'out']);
    expect(r.code).toBe(1);
    const folders = readdirSync(join(dir, 'out')).sort();
    expect(folders).toEqual(['promo.fine.v1', 'promo.spend-wrong.v1', 'promo.spend.v1', 'promo.tenoff.v1']);
    expect(readdirSync(join(dir, 'out', 'promo.spend.v1')).sort()).toEqual(
      ['executor.d.ts', 'executor.js', 'executor.ts', 'input.schema.json', 'manifest.json', 'output.schema.json', 'params.schema.json'],
    );
    expect(existsSync(join(dir, 'out', 'promo.broken.v1'))).toBe(false);
    const ok = await rulemart(['compile', 'spend.yaml', '--out', 'out2']);
    expect(ok.code).toBe(0);
    expect(readFileSync(join(dir, 'out2', 'promo.spend.v1', 'executor.js'), 'utf8')).toBe(readFileSync(join(dir, 'out', 'promo.spend.v1', 'executor.js'), 'utf8'));
  });
});

describe('rulemart test', () => {
  it('passes and ends with the summary line', async () => {
    const r = await rulemart(['test', 'spend.yaml', 'tenoff.yml']);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('2 passed, 0 failed');
  });

  it('prints failing tests with file:line, expected and actual, and exits 1', async () => {
    const r = await rulemart(['test', 'wrong.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL wrong.yaml:17: promo:spend-wrong:v1 › reaches the threshold');
    expect(r.stdout).toContain('expected: "31.00"');
    expect(r.stdout).toContain('actual:   "30.00"');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 1 failed');
  });
});

describe('rulemart run', () => {
  it('prints the output JSON for an input file, params, now and trace', async () => {
    const r = await rulemart(['run', 'spend.yaml', '--input', 'cart.json', '--params', '{"threshold": 300}', '--now', '2026-11-11T00:00:00Z', '--trace']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ applied: false, reason: 'no-rule' });
    expect(out.trace).toEqual([{ kind: 'when', name: 'rule-1', value: false }]);
  });

  it('reads the input from stdin with - (spawned)', () => {
    const r = spawnRulemart(['run', 'spend.yaml', '--input', '-'], CART);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ discount: '30.00', messages: ['满200.00减30'] });
  });

  it('exits 1 with the errors on stderr for bad input', async () => {
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ cart: { items: [{ sku: 'A', price: 'x', qty: 'two' }] } }));
    writeFileSync(join(dir, 'notjson.json'), '{ nope');
    const bad = await rulemart(['run', 'spend.yaml', '--input', 'bad.json']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('/cart/items/0/qty');
    expect(bad.stdout).toBe('');
    const notJson = await rulemart(['run', 'spend.yaml', '--input', 'notjson.json']);
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toContain('invalid JSON');
  });

  it('refuses a file with errors, printing its diagnostics', async () => {
    const r = await rulemart(['run', 'broken.yaml', '--input', 'cart.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('E2003');
  });

  it('needs --name (a name or a SKU) when the file has several documents', async () => {
    writeFileSync(join(dir, 'two.yaml'), `${PROMO}---\n${SECOND}`);
    const r = await rulemart(['run', 'two.yaml', '--input', 'cart.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('choose one with --name');
    const named = await rulemart(['run', 'two.yaml', '--name', 'promo:tenoff:v1', '--input', 'cart.json']);
    expect(named.code).toBe(0);
    expect(JSON.parse(named.stdout).discount).toBe('10.00');
    expect((await rulemart(['run', 'two.yaml', '--name', 'nope', '--input', 'cart.json'])).code).toBe(1);
  });
});

describe('rulemart apply', () => {
  it('combines promotions by priority', async () => {
    const r = await rulemart(['apply', 'spend.yaml', 'tenoff.yml', '--input', 'cart.json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.applied).toEqual(['promo:spend:v1', 'promo:tenoff:v1']);
    expect(out.discount).toBe('40.00');
    const best = await rulemart(['apply', 'spend.yaml', 'tenoff.yml', '--input', 'cart.json', '--strategy', 'best']);
    expect(best.code).toBe(0);
    expect((await rulemart(['apply', 'spend.yaml', '--input', 'cart.json', '--strategy', 'worst'])).code).toBe(2);
  });
});
