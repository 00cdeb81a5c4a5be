// The static types of the rule language (SPEC section 2), as plain JSON-serialisable data.
// The compiler serialises these into executors as runtime type descriptors, so keep them plain.

/** A resolved type. Named types from `types:` are resolved to `object` with `name` set. */
export type Type =
  | { kind: 'bool' }
  | { kind: 'int' }
  | { kind: 'decimal' }
  | { kind: 'money' }
  | { kind: 'string' }
  | { kind: 'timestamp' }
  | { kind: 'duration' }
  | { kind: 'enum'; values: string[] }
  | { kind: 'list'; element: Type }
  | { kind: 'object'; fields: Field[]; name?: string }
  | { kind: 'optional'; inner: Type }
  /** The type of the `null` literal and of an empty list's element: fits any optional. */
  | { kind: 'null' }
  /** Error recovery: an expression whose type could not be found; never reported twice. */
  | { kind: 'error' };

export interface Field {
  name: string;
  type: Type;
}

export const T = {
  bool: { kind: 'bool' } as Type,
  int: { kind: 'int' } as Type,
  decimal: { kind: 'decimal' } as Type,
  money: { kind: 'money' } as Type,
  string: { kind: 'string' } as Type,
  timestamp: { kind: 'timestamp' } as Type,
  duration: { kind: 'duration' } as Type,
  null: { kind: 'null' } as Type,
  error: { kind: 'error' } as Type,
  list: (element: Type): Type => ({ kind: 'list', element }),
  optional: (inner: Type): Type => (inner.kind === 'optional' || inner.kind === 'null' ? inner : { kind: 'optional', inner }),
};

/** Human-readable form used in diagnostics: `list<Item>`, `money?`, `enum(a, b)`. */
export function typeToString(t: Type): string {
  switch (t.kind) {
    case 'enum': return `enum(${t.values.join(', ')})`;
    case 'list': return `list<${typeToString(t.element)}>`;
    case 'object': return t.name ?? `{ ${t.fields.map((f) => `${f.name}: ${typeToString(f.type)}`).join(', ')} }`;
    case 'optional': return `${typeToString(t.inner)}?`;
    default: return t.kind;
  }
}
