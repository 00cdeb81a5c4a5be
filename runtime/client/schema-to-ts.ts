// Turns JSON Schema (2020-12, as the compiler writes it and the OpenAPI document carries it) into
// TypeScript type expressions, for the generated client.

type Schema = Record<string, unknown> | boolean;

/**
 * The TypeScript name of a component (`promo_a_v1.Input` -> `PromoAV1Input`). Separators are
 * dropped and the next letter capitalised; before a digit, where a capital cannot mark the
 * boundary, the separator becomes `_` (`promo_qa-1_v1` -> `PromoQa_1V1`, `promo_qa1_v1` ->
 * `PromoQa1V1`). Names that still coincide are told apart by the generator (./names.ts).
 */
export function typeName(component: string): string {
  const parts = component.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const name = parts.map((p, i) => (i > 0 && /^[0-9]/.test(p) ? '_' : '') + p[0]!.toUpperCase() + p.slice(1)).join('');
  return /^[A-Za-z_]/.test(name) ? name : `T${name}`;
}

/** Maps a `#/components/schemas/` name to the TypeScript identifier the client gives it. */
export type NameOf = (component: string) => string;

function propKey(k: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : JSON.stringify(k);
}

function literal(v: unknown): string {
  return v === null ? 'null' : JSON.stringify(v);
}

/**
 * A TypeScript type for `schema`; `$ref`s to `#/components/schemas/X` become `typeName(X)`.
 *
 * @example
 * schemaToTs({ type: 'object', properties: { a: { type: 'integer' } }, required: ['a'] }) // '{ a: number }'
 */
export function schemaToTs(schema: Schema | undefined, indent = '', nameOf: NameOf = typeName): string {
  if (schema === undefined || schema === true) return 'unknown';
  if (schema === false) return 'never';
  const s = schema;
  if (typeof s.$ref === 'string') {
    const m = /^#\/components\/schemas\/(.+)$/.exec(s.$ref);
    return m ? nameOf(decodeURIComponent(m[1]!)) : 'unknown';
  }
  if ('const' in s) return literal(s.const);
  if (Array.isArray(s.enum)) return s.enum.map(literal).join(' | ') || 'never';
  if (Array.isArray(s.anyOf) || Array.isArray(s.oneOf)) {
    const alts = ((s.anyOf ?? s.oneOf) as Schema[]).map((x) => schemaToTs(x, indent, nameOf));
    return [...new Set(alts)].map((a) => (a.includes(' | ') || a.includes(' & ') ? `(${a})` : a)).join(' | ');
  }
  if (Array.isArray(s.allOf)) {
    const parts = (s.allOf as Schema[]).map((x) => schemaToTs(x, indent, nameOf));
    const own = { ...s };
    delete own.allOf;
    if (Object.keys(own).some((k) => k === 'type' || k === 'properties')) parts.push(schemaToTs(own, indent, nameOf));
    return parts.map((a) => (a.includes(' | ') ? `(${a})` : a)).join(' & ');
  }
  const types = Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === 'string' ? [s.type] : [];
  if (types.length === 0) return s.properties ? objectType(s, indent, nameOf) : 'unknown';
  return [...new Set(types.map((t) => single(t, s, indent, nameOf)))].join(' | ');
}

function single(t: string, s: Record<string, unknown>, indent: string, nameOf: NameOf): string {
  switch (t) {
    case 'string': return 'string';
    case 'integer':
    case 'number': return 'number';
    case 'boolean': return 'boolean';
    case 'null': return 'null';
    case 'array': {
      const item = schemaToTs(s.items as Schema | undefined, indent, nameOf);
      return /[ |&]/.test(item) && !item.startsWith('{') ? `(${item})[]` : `${item}[]`;
    }
    case 'object': return objectType(s, indent, nameOf);
    default: return 'unknown';
  }
}

function objectType(s: Record<string, unknown>, indent: string, nameOf: NameOf): string {
  const props = (s.properties ?? {}) as Record<string, Schema>;
  const required = new Set((s.required ?? []) as string[]);
  const inner = indent + '  ';
  const lines = Object.entries(props).map(([k, v]) => {
    const doc = typeof v === 'object' && typeof v.description === 'string' ? `${inner}/** ${v.description.replace(/\*\//g, '* /')} */\n` : '';
    return `${doc}${inner}${propKey(k)}${required.has(k) ? '' : '?'}: ${schemaToTs(v, inner, nameOf)};`;
  });
  const extra = s.additionalProperties;
  if (lines.length === 0) {
    if (extra && typeof extra === 'object') return `Record<string, ${schemaToTs(extra as Schema, indent, nameOf)}>`;
    return 'Record<string, unknown>';
  }
  return `{\n${lines.join('\n')}\n${indent}}`;
}
