// Representation changes between static types: an int (a JavaScript number) used where a
// decimal or money (a `Dec`) is expected is converted with the runtime's `decFromInt`.
import type { Type } from '../../dsl/types/type.ts';
import { conversion } from '../type-helpers.ts';

/** `code` (of static type `from`) as a value of type `to`. */
export function convert(code: string, from: Type, to: Type): string {
  switch (conversion(from, to)) {
    case 'int-to-dec':
      return `decFromInt(${code})`;
    case 'int-to-dec-nullable':
      return `cxIntToDecN(${code})`;
    case 'list-int-to-dec':
      return `${code}.map((n) => decFromInt(n))`;
    default:
      return code;
  }
}
