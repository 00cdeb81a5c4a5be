// Hostile strings: quotes, backticks, comment closers, </script>, ${, U+2028/U+2029 and code-like
// text in every place a document's strings reach the generated code (names, titles, field names,
// string literals, templates, messages, gift skus, rule names, enum values). They must compile,
// load and run, come out unchanged, and never become code (a global sentinel stays unset).
import { afterEach, describe, expect, it } from 'vitest';
import type { Expr } from '../dsl/ast.ts';
import { T } from '../dsl/types/type.ts';
import type { Field, Type } from '../dsl/types/type.ts';
import { compileDocument } from './compile.ts';
import { E, promotionDoc, rule, tpl, Item } from './testing/ast.ts';
import { bothExecutors, outcome } from './testing/harness.ts';
import { loadExecutor } from './load.ts';

const SENTINEL = '__rulemart_pwned';
const payload = (tag: string) =>
  [
    `"); globalThis.${SENTINEL} = "${tag}1"; ("`,
    `'); globalThis.${SENTINEL} = '${tag}2'; ('`,
    '`; globalThis.' + SENTINEL + ' = `' + tag + '3`; `',
    '${globalThis.' + SENTINEL + ' = "' + tag + '4"}',
    `*/ globalThis.${SENTINEL} = "${tag}5"; /*`,
    `</script><script>globalThis.${SENTINEL}="${tag}6"</script>`,
    `\u2028globalThis.${SENTINEL} = "${tag}7";\u2029`,
    `\\"; globalThis.${SENTINEL} = "${tag}8"; //`,
    `"); process.exit(1); ("`,
    '__proto__',
  ].join(' | ');

const fieldName = `x"]; globalThis.${SENTINEL} = 9; //`;
const enumValue = payload('enum');
const cartType = (Item as Type & { kind: 'object' });
const input: Field[] = [
  { name: 'cart', type: { kind: 'object', fields: [{ name: 'items', type: T.list(cartType) }, { name: 'shipping', type: T.optional(T.money) }] } },
  { name: fieldName, type: { kind: 'object', fields: [{ name: fieldName, type: { kind: 'enum', values: [enumValue, 'plain'] } }] } },
  { name: '__proto__', type: T.string },
  { name: 'constructor', type: T.string },
];
const hostileField: Expr = E.member(E.ident(fieldName, 'input', input[1]!.type), fieldName, { kind: 'enum', values: [enumValue, 'plain'] });
const protoField: Expr = E.ident('__proto__', 'input', T.string);
const ctorField: Expr = E.ident('constructor', 'input', T.string);

function hostileDoc() {
  const doc = promotionDoc(
    [
      rule(payload('rule'), E.bin('==', hostileField, E.str(enumValue), T.bool), {
        orderDiscount: E.int(1),
        message: tpl(payload('msg'), hostileField, payload('msg2'), protoField, ctorField),
        gift: { sku: tpl(payload('gift')), qty: E.int(1) },
      }),
    ],
    {
      name: payload('name'),
      title: payload('title'),
      input,
      lets: [
        { name: payload('let'), expr: E.str(payload('literal')), span: { start: 0, end: 0 } },
        { name: 'proto', expr: protoField, span: { start: 0, end: 0 } },
      ],
    },
  );
  return { ...doc, sku: `promo:${payload('sku')}:v1` };
}

const hostileInput = {
  cart: { items: [{ sku: 'A', category: 'c', price: 10, qty: 1 }] },
  [fieldName]: { [fieldName]: enumValue },
  ['__proto__']: 'proto-value',
  constructor: 'ctor-value',
};
// `{ ['__proto__']: ... }` above is an own property; JSON round trip keeps it as one.
const inputJson = JSON.parse(JSON.stringify(hostileInput));

afterEach(() => {
  delete (globalThis as Record<string, unknown>)[SENTINEL];
});

describe('hostile strings', () => {
  it('compile, load and run without any of them becoming code', async () => {
    const doc = hostileDoc();
    const unit = await compileDocument(doc);
    const executor = loadExecutor(unit.files['executor.js']);
    const out = outcome(executor, inputJson, { trace: true }) as { ok: true; output: any };
    expect((globalThis as Record<string, unknown>)[SENTINEL]).toBeUndefined();
    expect(out.ok).toBe(true);
    expect(out.output.rules).toEqual([payload('rule')]);
    expect(out.output.messages).toEqual([payload('msg') + enumValue + payload('msg2') + 'proto-value' + 'ctor-value']);
    expect(out.output.gifts).toEqual([{ sku: payload('gift'), qty: 1 }]);
    expect(out.output.sku).toBe(doc.sku);
    const lets = out.output.trace.filter((t: { kind: string }) => t.kind === 'let');
    expect(lets).toEqual([
      { kind: 'let', name: payload('let'), value: payload('literal') },
      { kind: 'let', name: 'proto', value: 'proto-value' },
    ]);
    expect(executor.name).toBe(payload('name'));
    expect(JSON.parse(unit.files['manifest.json']).title).toBe(payload('title'));
    expect(JSON.parse(unit.files['input.schema.json']).properties[fieldName]).toBeDefined();
  });

  it('leave no raw line separators, </script> or comment closers in the generated files', async () => {
    const unit = await compileDocument(hostileDoc());
    for (const name of ['executor.js', 'executor.ts', 'executor.d.ts'] as const) {
      const text = unit.files[name];
      const planPart = text.slice(text.indexOf('// ---- plan ----') >= 0 ? text.indexOf('// ---- plan ----') : 0);
      expect(planPart).not.toMatch(/[\u2028\u2029]/);
      expect(planPart).not.toContain('</script');
      expect(text.split('\n').slice(0, 3).join('\n')).not.toMatch(/\*\//);
    }
  });

  it('agree between the compiled code and the reference evaluator', () => {
    const { compiled, interpreted } = bothExecutors(hostileDoc());
    expect(outcome(compiled, inputJson, { trace: true })).toEqual(outcome(interpreted, inputJson, { trace: true }));
    expect((globalThis as Record<string, unknown>)[SENTINEL]).toBeUndefined();
  });

  it('executor.js runs when imported as a data: URL module and imports nothing', async () => {
    const unit = await compileDocument(hostileDoc());
    const js = unit.files['executor.js'];
    expect(js).not.toMatch(/^\s*import\b/m);
    expect(js).not.toMatch(/\brequire\s*\(/);
    expect(js).not.toMatch(/\bimport\s*\(/);
    const mod = await import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`);
    expect(mod.default).toBe(mod.executor);
    const out = mod.executor.execute(inputJson);
    expect(out.gifts).toEqual([{ sku: payload('gift'), qty: 1 }]);
    expect((globalThis as Record<string, unknown>)[SENTINEL]).toBeUndefined();
  });
});
