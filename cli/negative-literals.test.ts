// Negative number literals end to end through the CLI: `-2.5`, `p: int = -1`, `subtotal > -1`,
// `round(-2.5)`, `2 * -1`, `-(2.5)`, `--2`, YAML `-0` check, compile, run and pass their own tests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/rulemart', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'rulemart-neg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DOC = `apiVersion: rulemart/v1
kind: Promotion
metadata: { name: neg, version: 1.0.0 }
input:
  cart: { items: "list<{ sku: string, price: money, qty: int }>" }
params:
  p: int = -1
let:
  x: -2.5
  y: -0
spec:
  rules:
    - when: subtotal > -1 and p == -1
      then: { points: "round(-2.5) * -(2) + --2", message: "\${x} \${-(2.5)} \${2 * -1} \${y}" }
tests:
  - name: negative literals
    input: { cart: { items: [ { sku: A, price: 12, qty: 1 } ] } }
    expect: { applied: true, points: 8, messages: [ "-2.5 -2.5 -2 0" ] }
`;

function rulemart(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
}

describe('negative number literals (CLI)', () => {
  it('check, test and run agree with the expected values', () => {
    writeFileSync(join(dir, 'neg.yaml'), DOC);
    writeFileSync(join(dir, 'in.json'), JSON.stringify({ cart: { items: [{ sku: 'A', price: 12, qty: 1 }] } }));
    expect(rulemart(['check', 'neg.yaml']).status).toBe(0);
    const test = rulemart(['test', 'neg.yaml']);
    expect(test.stdout + test.stderr).toContain('1 passed, 0 failed');
    expect(test.status).toBe(0);
    const run = rulemart(['run', 'neg.yaml', '--input', 'in.json']);
    expect(run.stderr).not.toContain('E9001');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ points: 8, messages: ['-2.5 -2.5 -2 0'] });
  });
});
