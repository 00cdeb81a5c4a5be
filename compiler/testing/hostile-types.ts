// Test support: a document whose named types and fields have names that are not TypeScript
// identifiers or that collide with names of the inlined runtime.
import type { CheckedDocument } from '../../dsl/model.ts';
import { T } from '../../dsl/types/type.ts';
import type { Type } from '../../dsl/types/type.ts';
import { E, Item, promotionDoc, rule } from './ast.ts';

/** Named types called `Dec`, `Executor`, `名前` and `string`; fields with quotes and `__proto__`. */
export function hostileDocForTypes(): CheckedDocument {
  const named = (name: string, fields: [string, Type][]): Type => ({ kind: 'object', name, fields: fields.map(([n, t]) => ({ name: n, type: t })) });
  const dec = named('Dec', [['c', T.int]]);
  const exec = named('Executor', [['x', T.string]]);
  const jp = named('名前', [['値', T.money], ['a"b', T.optional(T.string)], ['__proto__', T.bool]]);
  const str = named('string', [['ok', T.bool]]);
  return promotionDoc([rule('r', E.bool(true), { points: E.int(1) })], {
    name: 'types',
    types: [{ name: 'Item', type: Item }, { name: 'Dec', type: dec }, { name: 'Executor', type: exec }, { name: '名前', type: jp }, { name: 'string', type: str }],
    input: [
      { name: 'cart', type: { kind: 'object', fields: [{ name: 'items', type: T.list(Item) }, { name: 'shipping', type: T.optional(T.money) }] } },
      { name: 'd', type: dec },
      { name: 'e', type: T.optional(exec) },
      { name: 'j', type: T.list(jp) },
      { name: 's', type: str },
    ],
  });
}
