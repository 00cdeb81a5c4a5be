// Representation changes between static types at run time (the interpreter's twin of
// compiler/emit/convert.ts): an int used where a decimal or money is expected becomes a Dec.
import type { Type } from '../../dsl/types/type.ts';
import { decFromInt } from '../runtime/decimal.ts';
import { conversion } from '../type-helpers.ts';

/** `value` (of static type `from`) as a value of type `to`. */
export function convertValue(value: any, from: Type, to: Type): any {
  switch (conversion(from, to)) {
    case 'int-to-dec':
      return decFromInt(value);
    case 'int-to-dec-nullable':
      return value == null ? null : decFromInt(value);
    case 'list-int-to-dec':
      return (value as number[]).map((n) => decFromInt(n));
    default:
      return value;
  }
}
