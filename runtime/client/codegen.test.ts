// The generated client type-checks, and a wrong input is a type error, not a 400 at run time.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleVersion } from '../../catalog/store.suite.ts';
import { startTestServer, type TestServer } from '../testing/harness.ts';
import { generateClient } from './codegen.ts';
import { schemaToTs } from './schema-to-ts.ts';

let t: TestServer;
const inputSchema = JSON.stringify({
  type: 'object',
  required: ['cart', 'user'],
  properties: {
    cart: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: '#/$defs/Item' } }, shipping: { type: ['number', 'string', 'null'] } } },
    user: { type: 'object', required: ['level'], properties: { level: { enum: ['normal', 'vip'] } } },
  },
  $defs: { Item: { type: 'object', required: ['sku', 'qty'], properties: { sku: { type: 'string' }, qty: { type: 'integer' } } } },
});
const outputSchema = JSON.stringify({ type: 'object', required: ['discount', 'applied'], properties: { discount: { type: 'string' }, applied: { type: 'boolean' } } });

beforeAll(async () => {
  t = await startTestServer();
  await t.tenant('owner');
  await t.server.store.insertVersions([sampleVersion('promo:full-reduction:v1', '1.0.0', 'owner', { visibility: 'public', inputSchema, outputSchema })]);
});
afterAll(() => t.close());

function typeErrors(files: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'rulemart-client-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const program = ts.createProgram([join(dir, 'usage.ts')], {
      strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
      allowImportingTsExtensions: true, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: [], skipLibCheck: true,
    });
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('typed client', () => {
  it('maps JSON Schema to TypeScript types', () => {
    expect(schemaToTs({ type: 'object', required: ['a'], properties: { a: { type: 'integer' }, 'b-c': { type: ['string', 'null'] } } })).toBe('{\n  a: number;\n  "b-c"?: string | null;\n}');
    expect(schemaToTs({ type: 'array', items: { enum: ['x', 'y'] } })).toBe('("x" | "y")[]');
    expect(schemaToTs({ anyOf: [{ type: 'number' }, { type: 'string' }] })).toBe('number | string');
    expect(schemaToTs({ $ref: '#/components/schemas/promo_a_v1.Item' })).toBe('PromoAV1Item');
    expect(schemaToTs(true)).toBe('unknown');
  });

  it('generated from the server\'s OpenAPI, it accepts right inputs and rejects wrong ones at compile time', async () => {
    const doc = await (await t.call(null, 'GET', '/openapi.json')).json();
    const client = generateClient(doc as Parameters<typeof generateClient>[0]);
    expect(client).toContain('promoFullReductionV1(input: PromoFullReductionV1Input');
    const good = `import { RulemartClient } from './client.ts';
const c = new RulemartClient({ baseUrl: 'http://x', apiKey: 'rk_x' });
export async function f() {
  const out = await c.promoFullReductionV1({ cart: { items: [{ sku: 'A', qty: 2 }], shipping: 10 }, user: { level: 'vip' } });
  const d: string = out.discount;
  const o2 = await c.execute('promo:full-reduction:v1', { cart: { items: [] }, user: { level: 'normal' } }, { now: '2026-11-11T00:00:00Z' });
  return [d, o2.applied];
}
`;
    expect(typeErrors({ 'client.ts': client, 'usage.ts': good })).toEqual([]);
    const bad = `import { RulemartClient } from './client.ts';
const c = new RulemartClient({ baseUrl: 'http://x', apiKey: 'rk_x' });
export async function f() {
  await c.promoFullReductionV1({ cart: { items: [{ sku: 'A', qty: 'two' }] }, user: { level: 'vip' } });
  await c.promoFullReductionV1({ cart: { items: [] }, user: { level: 'gold' } });
  await c.promoFullReductionV1({ cart: { items: [] } });
  const n: number = (await c.promoFullReductionV1({ cart: { items: [] }, user: { level: 'vip' } })).discount;
  return n;
}
`;
    expect(typeErrors({ 'client.ts': client, 'usage.ts': bad })).toHaveLength(4);
  });

  it('gives SKUs whose ids spell alike distinct names, and the client compiles (QA F22)', async () => {
    const item = (field: string) => JSON.stringify({ type: 'object', required: [field], properties: { [field]: { type: 'string' } } });
    // qa-1 / qa1 differ only by a dash before a digit; a-b / a--b by a doubled dash (suffix on collision).
    // A server of its own: the first one's OpenAPI document is cached (rows are inserted directly).
    const t2 = await startTestServer();
    let doc: unknown;
    try {
      await t2.tenant('owner');
      for (const [sku, field] of [['promo:qa-1:v1', 'dashed'], ['promo:qa1:v1', 'plain'], ['promo:a-b:v1', 'single'], ['promo:a--b:v1', 'double']]) {
        await t2.server.store.insertVersions([sampleVersion(sku!, '1.0.0', 'owner', { visibility: 'public', inputSchema: item(field!), outputSchema })]);
      }
      doc = await (await t2.call(null, 'GET', '/openapi.json')).json();
    } finally {
      await t2.close();
    }
    const client = generateClient(doc as Parameters<typeof generateClient>[0]);
    const methods = [...client.matchAll(/^ {2}(\w+)\(input: (\w+), options\?: CallOptions<\w+(?:<[^>]*>)?>\): Promise<\w+> \{\n {4}return this\.execute\(("[^"]+")/gm)]
      .map((m) => ({ method: m[1]!, input: m[2]!, sku: JSON.parse(m[3]!) as string }));
    const bySku = new Map(methods.map((m) => [m.sku, m]));
    expect(new Set(methods.map((m) => m.method)).size).toBe(methods.length);
    expect(bySku.get('promo:qa1:v1')).toMatchObject({ method: 'promoQa1V1', input: 'PromoQa1V1Input' });
    expect(bySku.get('promo:qa-1:v1')).toMatchObject({ method: 'promoQa_1V1', input: 'PromoQa_1V1Input' });
    expect(bySku.get('promo:a-b:v1')!.method).toMatch(/^promoABV1_[0-9a-f]{6}$/);
    expect(bySku.get('promo:a--b:v1')!.method).toMatch(/^promoABV1_[0-9a-f]{6}$/);
    const ab = bySku.get('promo:a-b:v1')!;
    const aab = bySku.get('promo:a--b:v1')!;
    const usage = `import { RulemartClient } from './client.ts';
const c = new RulemartClient({ baseUrl: 'http://x', apiKey: 'rk_x' });
export async function f() {
  await c.promoQa1V1({ plain: 'x' });
  await c.promoQa_1V1({ dashed: 'x' });
  await c.${ab.method}({ single: 'x' });
  return c.${aab.method}({ double: 'x' });
}
`;
    expect(typeErrors({ 'client.ts': client, 'usage.ts': usage })).toEqual([]);
    // Each input type belongs to its own SKU: the plain one's field is refused by the dashed one.
    const wrong = usage.replace("c.promoQa_1V1({ dashed: 'x' })", "c.promoQa_1V1({ plain: 'x' })");
    expect(typeErrors({ 'client.ts': client, 'usage.ts': wrong }).length).toBeGreaterThan(0);
    // The same server gives the same client.
    expect(generateClient(doc as Parameters<typeof generateClient>[0])).toBe(client);
  });
});
