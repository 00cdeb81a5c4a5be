// Tests of DSL completion: what is offered after a name, after a dot, inside a macro.
import { describe, expect, it } from 'vitest';
import { readDocuments } from './document-symbols.ts';
import { memberCompletions, nameCompletions, scopeAt, typeOfChain } from './completion.ts';
import { starterRule } from './starter-rule.ts';
import { parseTypeText } from './type-text.ts';

const doc = readDocuments(starterRule)[0]!;

describe('completion', () => {
  it('offers the fields of an input object after a dot, through named types', () => {
    const scope = scopeAt(doc, '');
    expect(memberCompletions(typeOfChain(['user'], scope, doc.types)).map((c) => c.label)).toEqual(['id', 'level']);
    expect(memberCompletions(typeOfChain(['cart'], scope, doc.types)).map((c) => c.label)).toEqual(['items', 'shipping']);
  });

  it('offers list macros on a list and string methods on a string', () => {
    const scope = scopeAt(doc, '');
    const onList = memberCompletions(typeOfChain(['cart', 'items'], scope, doc.types)).map((c) => c.label);
    expect(onList).toEqual(expect.arrayContaining(['filter', 'map', 'any', 'all', 'count', 'sum', 'min', 'max', 'first', 'size']));
    const onString = memberCompletions(typeOfChain(['user', 'id'], scope, doc.types)).map((c) => c.label);
    expect(onString).toEqual(expect.arrayContaining(['lower', 'startsWith', 'contains']));
  });

  it('binds a macro variable to the element type of its list', () => {
    const scope = scopeAt(doc, '  eligible: cart.items.filter(i, i.');
    expect(memberCompletions(typeOfChain(['i'], scope, doc.types)).map((c) => c.label)).toEqual(['sku', 'category', 'price', 'qty']);
  });

  it('offers inputs, params, subtotal, now, functions and keywords for a bare name', () => {
    const labels = nameCompletions(scopeAt(doc, ''), doc).map((c) => c.label);
    expect(labels).toEqual(expect.arrayContaining(['cart', 'user', 'threshold', 'saving', 'subtotal', 'now', 'round', 'hour', 'and', 'true']));
  });

  it('reads type texts', () => {
    expect(parseTypeText('list<{ sku: string, qty: int }>?')).toEqual({ kind: 'list', element: { kind: 'object', fields: { sku: { kind: 'primitive', name: 'string' }, qty: { kind: 'primitive', name: 'int' } } } });
    expect(parseTypeText('enum(a, b)')).toEqual({ kind: 'enum', values: ['a', 'b'] });
    expect(parseTypeText('list<')).toEqual({ kind: 'unknown' });
  });
});
