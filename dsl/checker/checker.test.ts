// Checker tests: every static rule of SPEC sections 3-6 with a passing and a failing example,
// asserting the exact code and line:column; plus annotations (type on every Expr, ref on every
// Ident) on checked documents.
import { describe, expect, it } from 'vitest';
import type { Expr, Template } from '../ast.ts';
import { checkSource } from '../index.ts';
import type { CheckedDocument } from '../model.ts';
import { PRICING, PROMOTION, SELECTION, diagnosticsOf, onlyError, pos, promotion } from '../testing/fixtures.ts';

/** line:column of `needle` (its `nth` occurrence) inside the second rule's `when`. */
function inWhen(text: string, when: string, needle: string, nth = 0): { line: number; column: number } {
  const start = text.indexOf(`- when: ${when}`) + 8;
  let at = -1;
  for (let i = 0; i <= nth; i++) at = when.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`${needle} not in ${when}`);
  const before = text.slice(0, start + at);
  return { line: before.split('\n').length, column: start + at - before.lastIndexOf('\n') };
}

describe('sample from the brief', () => {
  it('`when: user.id > subtotal` is E2003 "cannot compare string with money" at its line:column', () => {
    const text = promotion('user.id > subtotal');
    const d = onlyError(text);
    expect(d).toMatchObject({ code: 'E2003', message: 'cannot compare string with money', line: 22, column: 13, endLine: 22, endColumn: 31 });
    expect(d).toMatchObject(pos(text, 'user.id > subtotal'));
  });
});

describe('expressions that type-check', () => {
  it.each([
    'subtotal >= threshold',
    'cart.total + 10 > 5.5',
    'user.level == "vip"',
    "user.level != 'normal'",
    'user.level in ["vip", "svip"]',
    'user.level not in ["vip"]',
    `'"shoes" in categories'`,
    'eligible.size() > 0',
    'eligible.sum(i, i.price * i.qty) >= 100',
    'cart.items.any(i, i.sku.startsWith("A"))',
    '(cart.shipping ?? 0) < 10',
    'cart.shipping == null',
    'cart.items.first(i, i.qty > 1) != null',
    '(cart.items.first(i, i.qty > 1) ?? cart.items[0] ?? null) != null',
    'hour(now) >= 20 and weekday(now) <= 5',
    'date(now) == "2026-11-11"',
    'now - timestamp("2026-11-11T00:00:00Z") < 2h',
    'now + 30m > now - 1d',
    '30s + 15m < 2h',
    'round(subtotal / 3, 2) > 1',
    'round(cart.total, 0, "half-even") > 1',
    'floor(cart.total) == ceil(cart.total)',
    'floor(2.5) + 1 == 3',
    'min(subtotal, 100) <= max(1, 2.5)',
    'abs(-3) == 3',
    'cart.items.map(i, i.qty).size() == 2',
    'cart.items.count(i, i.qty > 1) mod 2 == 0',
    '(cart.items.min(i, i.price) ?? 0) < 10',
    '(cart.items.max(i, i.sku) ?? "") != "x"',
    'if user.level == "vip" then true else false',
    `'user.level == "vip" ? subtotal > 100 : subtotal > 200'`,
    'user.id.lower().contains("x") or user.id.size() > 3 || user.level.upper() == "VIP"',
    'user.id.endsWith("1") && !false',
    'cart.items[0] != null',
    'not (subtotal < 10)',
    'cart.total / cart.total > 0.5',
    'subtotal * 15% >= 10',
    'user.id + "-" + user.level == "a-vip"',
    'cart.items.filter(i, i.price > 10).all(j, j.qty >= 1)',
    `'[1, 2.5, subtotal].size() == 3'`,
    `'[] == categories'`,
    'true',
  ])('%s', (when) => {
    expect(diagnosticsOf(promotion(when))).toEqual([]);
  });

  it.each([
    'itemDiscount: { percent: 15%, maxQty: 1, items: eligible }',
    'itemDiscount: { amount: 5 }',
    `itemDiscount: { price: 9.9, items: 'cart.items.filter(i, i.sku == "A")' }`,
    'freeShipping: true, shippingDiscount: 5',
    'gift: { sku: "G-${user.id}", qty: 1 }',
    'coupon: { to: "${user.id}", amount: 10, code: "C1", expiresIn: 7d }',
    `points: 'cart.items.count(i, true)'`,
    'message: "hi ${subtotal} ${cart.shipping}"',
    'orderDiscount: "if subtotal > 500 then 80 else 30"',
    'orderDiscount: subtotal * 10%',
  ])('effect %s', (then) => {
    expect(diagnosticsOf(promotion('true', then))).toEqual([]);
  });
});

describe('expressions with one error: code and position', () => {
  it.each([
    ['user.level == "gold"', 'E2004', '"gold"', '"gold" is not a member of enum(normal, vip, svip)'],
    [`'"gold" == user.level'`, 'E2004', '"gold"', undefined],
    ['user.level in ["vip", "gold"]', 'E2004', '"gold"', undefined],
    ['cart.shipping > 10', 'E2002', 'cart.shipping', 'this value is money? and may be null here; give a default with `??`'],
    ['cart.shipping + 1 > 2', 'E2002', 'cart.shipping', undefined],
    ['cart.items.first(i, i.qty > 1).price > 3', 'E2002', 'cart.items.first', undefined],
    ['nope > 1', 'E3001', 'nope', 'unknown name `nope`'],
    ['cart.totl > 1', 'E3002', 'totl', undefined],
    ['foo(1) > 1', 'E3005', 'foo', undefined],
    ['user.id.bar()', 'E3006', 'bar', 'unknown method `bar` on string'],
    ['subtotal.filter(x, true).size() > 0', 'E3006', 'filter', undefined],
    ['cart.items.filter(user, true).size() > 0', 'E3007', 'user', undefined],
    ['cart.items.any(i, i.qty > 1 and cart.items.any(i, true))', 'E3007', 'i, true', undefined],
    ['subtotal + "a" == "b"', 'E2001', '+', 'cannot apply `+` to money and string'],
    [`'"a" - "b" == ""'`, 'E2001', '-', undefined],
    ['now * 2 > now', 'E2001', '*', undefined],
    ['subtotal and true', 'E2005', 'subtotal', 'an operand of `and` must be bool, got money'],
    ['round(subtotal, 2, "nearest") > 1', 'E2010', '"nearest"', undefined],
    ['round() > 1', 'E2007', 'round', '`round` takes 1 to 3 arguments, got 0'],
    ['hour(subtotal) > 1', 'E2005', 'subtotal', undefined],
    ['min(subtotal) > 1', 'E2007', 'min', undefined],
    ['min(subtotal, "a") > 1', 'E2006', '"a"', undefined],
    ['if true then 1 else "a"', 'E2006', 'if', 'incompatible types int and string'],
    [`'true ? 1 : "a"'`, 'E2006', 'true', undefined],
    [`'[1, "a"].size() > 0'`, 'E2006', '"a"', undefined],
    ['cart.total[0] != null', 'E2009', 'cart.total', undefined],
    ['cart.items["a"] != null', 'E2009', '"a"', undefined],
    ['user.id.size > 1', 'E2008', 'size', 'string has no fields'],
    ['true < false', 'E2011', 'true', undefined],
    ['now > 1', 'E2003', 'now', 'cannot compare timestamp with int'],
    ['subtotal == "a"', 'E2003', 'subtotal', undefined],
    ['subtotal in categories', 'E2003', 'subtotal', 'cannot compare money with string'],
    ['subtotal in 5', 'E2001', 'in', undefined],
    ['cart.items.sum(i, i.sku) > 1', 'E2005', 'i.sku', undefined],
    [`'!subtotal'`, 'E2001', '!', undefined],
    ['-"a" == ""', 'E2001', '-', undefined],
    ['cart.items.size(1) > 0', 'E2007', 'size', undefined],
    ['subtotal', 'E2005', 'subtotal', '`when` must be bool, got money'],
    ['1 +', 'E1102', '', undefined],
    ['a < b < c', 'E1104', '<', undefined],
  ])('%s -> %s', (when, code, needle, message) => {
    const text = promotion(when);
    const d = onlyError(text);
    expect(d.code).toBe(code);
    if (message) expect(d.message).toBe(message);
    // The second `<` is the one that breaks a chain.
    const nth = code === 'E1104' ? 1 : 0;
    if (needle) expect({ line: d.line, column: d.column }).toEqual(inWhen(text, when, needle, nth));
  });

  it.each([
    ['orderDiscount: user.id', 'E2005', 'user.id', '`orderDiscount` must be money, got string'],
    ['orderDiscount: cart.shipping', 'E2002', 'cart.shipping', undefined],
    ['itemDiscount: { percent: 15%, amount: 5 }', 'E4002', 'itemDiscount', undefined],
    ['itemDiscount: { maxQty: 1 }', 'E4002', 'itemDiscount', undefined],
    ['itemDiscount: { percent: cart.total }', 'E2005', 'cart.total', '`itemDiscount.percent` must be decimal, got money'],
    ['itemDiscount: { items: categories, amount: 1 }', 'E2005', 'categories', undefined],
    ['itemDiscount: { percent: 10%, maxQty: 1.5 }', 'E2005', '1.5', undefined],
    ['freeShipping: 1', 'E2005', '1', undefined],
    ['shippingDiscount: true', 'E2005', 'true', undefined],
    [`gift: { sku: "G", qty: '"1"' }`, 'E2005', '"1"', undefined],
    ['coupon: { to: "${nope}", amount: 1 }', 'E3001', 'nope', undefined],
    ['coupon: { to: "x", amount: 1, expiresIn: 7 }', 'E2005', '7', undefined],
    ['points: 1.5', 'E2005', '1.5', undefined],
    ['message: "${1 +}"', 'E1102', '}', undefined],
  ])('effect %s -> %s', (then, code, needle, message) => {
    const text = promotion('true', then);
    const d = onlyError(text);
    expect(d.code).toBe(code);
    if (message) expect(d.message).toBe(message);
    const line = text.indexOf(`then: { ${then}`);
    const at = text.indexOf(needle, line + 8);
    const before = text.slice(0, at);
    expect({ line: d.line, column: d.column }).toEqual({ line: before.split('\n').length, column: at - before.lastIndexOf('\n') });
  });
});

describe('declarations and names', () => {
  const base = promotion('true');
  it.each([
    ['duplicate top-level name', (t: string) => t.replace('  threshold: money = 200\n', '  threshold: money = 200\n  user: int = 1\n'), 'E3003', 'user: int', 0],
    ['let named subtotal', (t: string) => t.replace('let:\n', 'let:\n  subtotal: 1\n'), 'E3010', 'subtotal: 1', 0],
    ['input field named now', (t: string) => t.replace('input:\n', 'input:\n  now: timestamp\n'), 'E3010', 'now: timestamp', 0],
    ['let using a later let', (t: string) => t.replace('let:\n', 'let:\n  a: b + 1\n  b: 1\n'), 'E3004', 'b + 1', 0],
    ['param default using input', (t: string) => t.replace('money = 200', 'money = cart.total'), 'E3012', 'cart.total', 0],
    ['param default using a later param', (t: string) => t.replace('money = 200', 'money = categories.size()'), 'E3012', 'categories.size', 0],
    ['param default of the wrong type', (t: string) => t.replace('money = 200', 'money = "a"'), 'E2005', '"a"', 0],
    ['param without default', (t: string) => t.replace('money = 200', 'money'), 'E1010', 'money\n', 0],
    ['param with an unknown type', (t: string) => t.replace('money = 200', 'mony = 200'), 'E3008', 'mony', 0],
    ['enum param with a non-member default', (t: string) => t.replace('params:\n', "params:\n  lvl: \"enum(a, b) = 'c'\"\n"), 'E2004', "'c'", 0],
    ['recursive named type', (t: string) => t.replace('types:\n', 'types:\n  Node: { next: Node? }\n'), 'E3009', 'Node?', 0],
    ['unknown type in input', (t: string) => t.replace('{ id: string,', '{ id: Str,'), 'E3008', 'Str', 0],
    ['duplicate field in an object type', (t: string) => t.replace('types:\n', 'types:\n  Pair: "{ a: int, a: string }"\n'), 'E3011', 'a: string', 0],
    ['invalid timezone', (t: string) => t.replace('  title:', '  timezone: Mars/Olympus\n  title:'), 'E4010', 'Mars/Olympus', 0],
  ])('%s', (_name, mutate, code, needle, nth) => {
    const text = mutate(base);
    const d = onlyError(text);
    expect(d.code).toBe(code);
    expect({ line: d.line, column: d.column }).toEqual(pos(text, needle, nth));
  });

  it('param defaults may use earlier params', () => {
    expect(diagnosticsOf(base.replace('params:\n', 'params:\n  base: money = 100\n').replace('money = 200', 'money = base * 2'))).toEqual([]);
  });
});

describe('Promotion rules', () => {
  const base = promotion('true');
  it.each([
    ['input without cart', (t: string) => t.replace('  cart: {', '  kart: {').replace(/cart\./g, 'kart.'), 'E4001', 'input:'],
    ['line type without qty', (t: string) => t.replace(', qty: int }', ' }'), 'E4001', 'input:'],
    ['line price not money', (t: string) => t.replace('price: money, qty', 'price: decimal, qty'), 'E4001', 'input:'],
    ['perCustomer without customer', (t: string) => t.replace('  rules:', '  limits: { perCustomer: 1 }\n  rules:'), 'E4003', 'perCustomer'],
    ['window from after until', (t: string) => t.replace('  rules:', '  window: { from: 2026-11-12T00:00:00Z, until: 2026-11-11T00:00:00Z }\n  rules:'), 'E4004', '{ from'],
    ['window with a bad timestamp', (t: string) => t.replace('  rules:', '  window: { from: 2026-11-12 }\n  rules:'), 'E1009', '2026-11-12'],
    ['duplicate rule names', (t: string) => t.replace('    - when: true', '    - name: big-spender\n      when: true'), 'E4005', 'big-spender', 1],
    ['condition not bool', (t: string) => t.replace('  rules:', '  condition: subtotal\n  rules:'), 'E2005', 'subtotal\n'],
    ['limits.budget not money', (t: string) => t.replace('  rules:', '  limits: { budget: user.id }\n  rules:'), 'E2005', 'user.id }'],
    ['limits.budget a division (not reservable)', (t: string) => t.replace('  rules:', '  limits: { budget: 10 / 3 }\n  rules:'), 'E4013', '10 / 3'],
    ['limits.budget negative', (t: string) => t.replace('  rules:', '  limits: { budget: -5 }\n  rules:'), 'E4013', '-5'],
    ['limits.redemptions from the cart', (t: string) => t.replace('  rules:', '  limits: { redemptions: cart.items.size() }\n  rules:'), 'E4013', 'cart.items.size()'],
  ] as [string, (t: string) => string, string, string, number?][])('%s', (_name, mutate, code, needle, nth = 0) => {
    const text = mutate(base);
    const d = onlyError(text);
    expect(d.code).toBe(code);
    expect({ line: d.line, column: d.column }).toEqual(pos(text, needle, nth));
  });

  it('accepts limits, window and condition', () => {
    const text = base.replace('  rules:', '  window: { from: 2026-11-11T00:00:00+08:00, until: 2026-11-11T02:00:00+08:00 }\n  condition: user.level != "normal"\n  limits: { redemptions: 100, perCustomer: 1, customer: "${user.id}", budget: 5000 }\n  policy: best\n  class: item\n  combinesWith: [shipping]\n  priority: 5\n  rounding: half-even\n  rules:');
    const r = checkSource(text, 'a.yaml');
    expect(r.diagnostics).toEqual([]);
    const spec = r.documents[0].spec;
    if (spec.kind !== 'Promotion') throw new Error('kind');
    expect(spec).toMatchObject({ policy: 'best', class: 'item', combinesWith: ['shipping'], priority: 5, rounding: 'half-even',
      window: { from: Date.parse('2026-11-10T16:00:00Z'), until: Date.parse('2026-11-10T18:00:00Z') } });
    expect(spec.limits?.customer?.parts[0]).toMatchObject({ kind: 'member', type: { kind: 'string' } });
  });

  it('limits.customer without `${}` is an expression (SPEC 4: `customer: user.id`), with `${}` a template', () => {
    const asExpr = base.replace('  rules:', '  limits: { perCustomer: 1, customer: user.id }\n  rules:');
    const r = checkSource(asExpr, 'a.yaml');
    expect(r.diagnostics).toEqual([]);
    const spec = r.documents[0].spec;
    if (spec.kind !== 'Promotion') throw new Error('kind');
    expect(spec.limits?.customer?.parts).toMatchObject([{ kind: 'member', name: 'id', type: { kind: 'string' } }]);
    const unknown = base.replace('  rules:', '  limits: { perCustomer: 1, customer: user.nope }\n  rules:');
    expect(onlyError(unknown)).toMatchObject({ code: 'E3002', ...pos(unknown, 'nope') });
    const templated = base.replace('  rules:', '  limits: { perCustomer: 1, customer: "shop-${user.id}" }\n  rules:');
    const t = checkSource(templated, 'a.yaml').documents[0].spec;
    if (t.kind !== 'Promotion') throw new Error('kind');
    expect(t.limits?.customer?.parts[0]).toBe('shop-');
  });

  it('W5001: a rule after `when: true` under policy first never runs (a warning; the document still compiles)', () => {
    const text = PROMOTION.replace('when: subtotal >= 400', 'when: true').replace('{{WHEN}}', 'subtotal > 1').replace('{{THEN}}', 'points: 1');
    const r = checkSource(text, 'a.yaml');
    expect(r.diagnostics).toMatchObject([{ code: 'W5001', severity: 'warning', ...pos(text, 'when: subtotal > 1') }]);
    expect(r.documents).toHaveLength(1);
  });

  it('W5002: `??` on a value that is never null', () => {
    const text = promotion('(subtotal ?? 1) > 0');
    expect(diagnosticsOf(text)).toMatchObject([{ code: 'W5002', severity: 'warning', ...inWhen(text, '(subtotal ?? 1) > 0', '??') }]);
  });

  it('defaults: rule names, class, policy, rounding, line type, subtotal', () => {
    const doc = checkSource(promotion('subtotal > 1'), 'a.yaml').documents[0];
    const spec = doc.spec;
    if (spec.kind !== 'Promotion') throw new Error('kind');
    expect(spec.rules.map((r) => r.name)).toEqual(['big-spender', 'rule-2']);
    expect(spec).toMatchObject({ class: 'order', policy: 'first', rounding: 'half-up', priority: 0, combinesWith: [] });
    expect(spec.lineType).toMatchObject({ kind: 'object', name: 'Item' });
    expect(spec.rules[1].when).toMatchObject({ left: { kind: 'ident', ref: 'subtotal', type: { kind: 'money' } } });
    expect(doc).toMatchObject({ sku: 'promo:full-reduction:v1', metadata: { name: 'full-reduction', version: '1.2.0', title: '满200减30', timezone: 'UTC' },
      billing: { tier: 'basic', quotaScope: 'tenant' } });
  });
});

describe('Selection', () => {
  it('checks the fixture and binds the element variable', () => {
    const r = checkSource(SELECTION, 's.yaml');
    expect(r.diagnostics).toEqual([]);
    const spec = r.documents[0].spec;
    if (spec.kind !== 'Selection') throw new Error('kind');
    expect(spec.variable).toBe('p');
    expect(spec.elementType).toMatchObject({ kind: 'object', name: 'Product' });
    expect(spec.orderBy.map((o) => o.direction)).toEqual(['desc', 'asc']);
    expect(spec.select?.map((s) => [s.name, s.expr.type?.kind])).toEqual([['sku', 'string'], ['score', 'int']]);
    expect(spec.where).toMatchObject({ kind: 'binary', left: { left: { object: { kind: 'ident', ref: 'var' } } } });
  });

  it.each([
    ['from: products as p', 'from: products', 'E4006', 'products\n'],
    ['from: products as p', 'from: minStock as p', 'E2005', 'minStock as'],
    ['from: products as p', 'from: products as minStock', 'E3007', 'minStock\n'],
    ['where: p.stock >= minStock and "high-conversion" in p.aiTags', 'where: p.stock', 'E2005', 'p.stock'],
    ['p.sales30d desc', 'p.aiTags desc', 'E2011', 'p.aiTags desc'],
    ['limit: 20', 'limit: 2.5', 'E2005', '2.5'],
    ['score: p.sales30d', 'score: p.nope', 'E3002', 'nope'],
  ])('%s -> %s is %s', (from, to, code, needle) => {
    const text = SELECTION.replace(from, to);
    // Reusing a name still binds the variable, but `p` is then unknown further down.
    const d = code === 'E3007' ? diagnosticsOf(text)[0] : onlyError(text);
    expect(d.code).toBe(code);
    expect({ line: d.line, column: d.column }).toEqual(pos(text, needle));
  });

  it('orders by an optional key (nulls last) and accepts a single orderBy string', () => {
    expect(diagnosticsOf(SELECTION.replace('orderBy: [ p.sales30d desc, p.price asc ]', 'orderBy: p.launched desc'))).toEqual([]);
  });
});

describe('PricingTier', () => {
  it('checks the fixture', () => {
    const r = checkSource(PRICING, 'p.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.documents[0].sku).toBe('price:api-pricing:v3');
  });

  it.each([
    ['- { unit: 0.0005, flat: 10 }', '- { upTo: 2000000, unit: 0.0005, flat: 10 }', 'E4007', '2000000'],
    ['- { upTo: 1000000, unit:', '- { unit:', 'E4007', '{ unit: "if'],
    ['upTo: 1000000', 'upTo: 10000', 'E4008', '10000,', 1],
    ['upTo: 1000000', 'upTo: lots', 'E1012', 'lots'],
    ['quantity: usage.calls', 'quantity: sla', 'E2005', 'sla\n'],
    ['unit: 0 }', `unit: '"free"' }`, 'E2005', '"free"'],
    ['package: { size: 1024, price: 0.5 }', 'tiers: [ { unit: 1 } ]', 'E4009', 'package\n'],
    ['- name: egress', '- name: calls', 'E4005', 'calls\n', 2],
    ['minimum: 0', 'minimum: 200000', 'E4012', '200000'],
    ['multiplier: "if', 'multiplier: "if true then 1 else 2"\n  x: "if', 'E1003', 'x:'],
  ] as [string, string, string, string, number?][])('%s -> %s is %s', (from, to, code, needle, nth = 0) => {
    const text = PRICING.replace(from, to);
    const d = onlyError(text);
    expect(d.code).toBe(code);
    expect({ line: d.line, column: d.column }).toEqual(pos(text, needle, nth));
  });
});

/** Every Expr of a checked document, with a label. */
function allExprs(doc: CheckedDocument): Expr[] {
  const out: Expr[] = [];
  const visit = (e: Expr | Template | undefined): void => {
    if (!e) return;
    if ('parts' in e) { e.parts.forEach((p) => typeof p !== 'string' && visit(p)); return; }
    out.push(e);
    switch (e.kind) {
      case 'list': e.items.forEach(visit); break;
      case 'member': visit(e.object); break;
      case 'index': visit(e.object); visit(e.index); break;
      case 'call': e.args.forEach(visit); break;
      case 'method': visit(e.object); e.args.forEach(visit); break;
      case 'macro': visit(e.object); visit(e.body); break;
      case 'unary': visit(e.operand); break;
      case 'binary': visit(e.left); visit(e.right); break;
      case 'conditional': visit(e.test); visit(e.then); visit(e.else); break;
    }
  };
  doc.params.forEach((p) => visit(p.default));
  doc.lets.forEach((l) => visit(l.expr));
  const s = doc.spec;
  if (s.kind === 'Promotion') {
    visit(s.condition);
    Object.values(s.limits ?? {}).forEach((v) => visit(v as Expr));
    for (const r of s.rules) {
      visit(r.when);
      const t = r.then;
      [t.orderDiscount, t.freeShipping, t.shippingDiscount, t.points, t.message, t.gift?.sku, t.gift?.qty, t.coupon?.to, t.coupon?.amount, t.coupon?.code, t.coupon?.expiresIn].forEach(visit);
      Object.values(t.itemDiscount ?? {}).forEach((v) => visit(v as Expr));
    }
  } else if (s.kind === 'Selection') {
    [s.from, s.where, s.limit, s.offset, ...s.orderBy.map((o) => o.key), ...(s.select ?? []).map((x) => x.expr)].forEach(visit);
  } else {
    [s.multiplier, s.minimum, s.maximum].forEach(visit);
    for (const m of s.meters) { visit(m.quantity); m.tiers.forEach((t) => { visit(t.unit); visit(t.flat); }); visit(m.package?.price); }
  }
  return out;
}

describe('annotations for the compiler', () => {
  it.each([
    ['promotion', promotion('eligible.any(i, i.price * i.qty > threshold) and user.level in ["vip"]', 'itemDiscount: { items: eligible, percent: 15%, maxQty: 2 }, message: "${subtotal}"')],
    ['selection', SELECTION],
    ['pricing', PRICING],
  ])('%s: every Expr has a type and every Ident a ref', (_name, text) => {
    const r = checkSource(text, 'a.yaml');
    expect(r.diagnostics).toEqual([]);
    const exprs = allExprs(r.documents[0]);
    expect(exprs.length).toBeGreaterThan(5);
    for (const e of exprs) {
      expect(e.type, JSON.stringify(e.span)).toBeDefined();
      expect(e.type?.kind).not.toBe('error');
      if (e.kind === 'ident') expect(e.ref).toBeDefined();
      expect(e.span.start).toBeLessThanOrEqual(e.span.end);
      expect(e.span.end).toBeLessThanOrEqual(text.length);
    }
  });

  it('types the numeric operators per SPEC section 2', () => {
    const typeOf = (expr: string) => {
      const r = checkSource(PROMOTION.replace('{{WHEN}}', 'true').replace('{{THEN}}', 'points: 1').replace('let:\n', `let:\n  x: ${expr}\n`), 'a.yaml');
      expect(r.diagnostics).toEqual([]);
      return r.documents[0].lets[0].expr.type;
    };
    expect(typeOf('1 + 2')).toEqual({ kind: 'int' });
    expect(typeOf('7 mod 2')).toEqual({ kind: 'int' });
    expect(typeOf('1 / 2')).toEqual({ kind: 'decimal' });
    expect(typeOf('1 + 2.5')).toEqual({ kind: 'decimal' });
    expect(typeOf('cart.total * 2')).toEqual({ kind: 'money' });
    expect(typeOf('2.5 * cart.total')).toEqual({ kind: 'money' });
    expect(typeOf('cart.total / 3')).toEqual({ kind: 'money' });
    expect(typeOf('cart.total / cart.total')).toEqual({ kind: 'decimal' });
    expect(typeOf(`'"a" + "b"'`)).toEqual({ kind: 'string' });
    expect(typeOf('now - now')).toEqual({ kind: 'duration' });
    expect(typeOf('now + 1d')).toEqual({ kind: 'timestamp' });
    expect(typeOf('cart.items.first(i, true)')).toMatchObject({ kind: 'optional', inner: { kind: 'object', name: 'Item' } });
    expect(typeOf('cart.items.min(i, i.price)')).toEqual({ kind: 'optional', inner: { kind: 'money' } });
    expect(typeOf('cart.items.sum(i, i.qty)')).toEqual({ kind: 'int' });
    expect(typeOf('cart.shipping ?? 0')).toEqual({ kind: 'money' });
    expect(typeOf('floor(cart.total)')).toEqual({ kind: 'money' });
    expect(typeOf('round(2.5)')).toEqual({ kind: 'int' });
    expect(typeOf('round(2.567, 2)')).toEqual({ kind: 'decimal' });
    expect(typeOf('-15%')).toEqual({ kind: 'decimal' });
    expect(typeOf("'[]'")).toEqual({ kind: 'list', element: { kind: 'null' } });
    expect(typeOf('if true then 1 else null')).toEqual({ kind: 'optional', inner: { kind: 'int' } });
  });
});

describe('one mistake, one diagnostic', () => {
  it.each([
    ['an unknown name used in arithmetic, a call and a comparison', promotion('round(nope * 2, 2) + 1 > subtotal'), ['E3001']],
    ['a broken let used by a rule and an effect', promotion('bad > 1', 'orderDiscount: bad').replace('let:\n', 'let:\n  bad: nope * 2\n'), ['E3001']],
    ['an unknown field inside a macro used further', promotion('cart.items.filter(i, i.nope > 1).sum(i, i.price) > 1'), ['E3002']],
    ['a wrong-typed operand', promotion('(subtotal + "a") * 2 > 1'), ['E2001']],
    ['two separate mistakes', promotion('nope > 1 and cart.totl > 1'), ['E3001', 'E3002']],
    ['a param default using the clock', promotion('true').replace('params:\n', 'params:\n  start: timestamp = now\n'), ['E3012']],
  ])('%s', (_name, text, codes) => {
    expect(diagnosticsOf(text).map((d) => d.code)).toEqual(codes);
  });
});

describe('null guards narrow `T?` to `T`', () => {
  it.each([
    'cart.shipping != null and cart.shipping > 10',
    'null != cart.shipping && cart.shipping > 10',
    'cart.shipping == null or cart.shipping > 10',
    "'if cart.shipping != null then cart.shipping > 1 else false'",
    "'cart.shipping == null ? false : cart.shipping > 1'",
    'not (cart.shipping == null) and cart.shipping + 1 > 2',
    'subtotal > 1 and cart.shipping != null and cart.shipping > 1',
  ])('%s', (when) => {
    expect(diagnosticsOf(promotion(when))).toEqual([]);
  });

  it.each([
    ['cart.shipping != null or cart.shipping > 10'],
    ['cart.shipping == null and cart.shipping > 10'],
    ["'if cart.shipping == null then cart.shipping > 1 else false'"],
    ['(cart.shipping != null) == true and cart.shipping > 1'],
  ])('%s stays an error at the unguarded use', (when) => {
    const text = promotion(when);
    const d = onlyError(text);
    expect(d.code).toBe('E2002');
    expect({ line: d.line, column: d.column }).toEqual(inWhen(text, when, 'cart.shipping', 1));
  });

  it('annotates the guarded use with the narrowed type', () => {
    const spec = checkSource(promotion('cart.shipping != null and cart.shipping > 10'), 'a.yaml').documents[0].spec;
    if (spec.kind !== 'Promotion') throw new Error('kind');
    const when = spec.rules[1].when;
    if (when.kind !== 'binary' || when.right.kind !== 'binary') throw new Error('shape');
    expect(when.left).toMatchObject({ left: { type: { kind: 'optional' } } });
    expect(when.right.left.type).toEqual({ kind: 'money' });
  });
});

describe('frame errors and type errors in one run', () => {
  it('an unknown key or a badly formatted version does not hide a type error further down', () => {
    const text = promotion('user.id > subtotal')
      .replace('  title: 满200减30\n', '  title: 满200减30\n  colour: red\n')
      .replace('version: 1.2.0', 'version: "1.2"');
    const d = diagnosticsOf(text);
    expect(d.map((x) => x.code)).toEqual(['E1007', 'E1003', 'E2003']);
    expect(d[1]).toMatchObject(pos(text, 'colour'));
    expect(d[2]).toMatchObject(pos(text, 'user.id > subtotal'));
    expect(checkSource(text, 'x.yaml').documents).toEqual([]);
  });

  it('a frame error that changes the shape (a list where a mapping belongs) stops at the frame', () => {
    const text = promotion('user.id > subtotal').replace('then: { orderDiscount: 80 }', 'then: [80]');
    const codes = diagnosticsOf(text).map((x) => x.code);
    expect(codes).toContain('E1005');
    expect(codes).not.toContain('E2003');
    expect(codes).not.toContain('E1008');
  });
});

describe('type expansion limit (E3013)', () => {
  const doubling = (levels: number, input: string) => `apiVersion: rulemart/v1
kind: Selection
metadata: { name: blow, version: 1.0.0 }
types:
  A0: { x: int, y: string }
${Array.from({ length: levels }, (_, i) => `  A${i + 1}: { a: A${i}, b: A${i} }`).join('\n')}
input:
  products: ${input}
spec:
  from: products as p
  where: true
`;

  it('named types that double per level: one error, at the first type past 5,000 nodes', () => {
    const text = doubling(20, 'list<A20>');
    const d = diagnosticsOf(text);
    expect(d.map((x) => x.code)).toEqual(['E3013']);
    expect(d[0]).toMatchObject(pos(text, 'A11:'));
  });

  it('an inline input type holding several big named types is caught too; ten levels alone are fine', () => {
    expect(diagnosticsOf(doubling(10, 'list<A10>'))).toEqual([]);
    const text = doubling(10, '"list<{ a: A10, b: A10 }>"');
    expect(diagnosticsOf(text).map((x) => x.code)).toEqual(['E3013']);
  });
});
