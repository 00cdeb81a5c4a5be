// Shows a JSON Schema (a SKU's input or params) as a form a merchant can read and fill: one field
// per property, nested objects as fieldsets, lists as JSON. `value()` reads the form back as JSON.
import { field, h } from '../dom.ts';

type Schema = Record<string, any>;

/** A rendered form and the way to read its value. */
export interface SchemaForm {
  element: HTMLElement;
  /** The value typed in; throws an Error naming the field when a JSON box does not parse. */
  value(): unknown;
}

function resolve(schema: Schema | undefined, root: Schema): Schema {
  let s = schema ?? {};
  for (let i = 0; i < 10 && typeof s.$ref === 'string'; i++) {
    const path = s.$ref.replace(/^#\//, '').split('/').map((p: string) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    s = path.reduce((node: any, key: string) => node?.[key], root) ?? {};
  }
  return s;
}

/** The JSON types a schema allows, looking through anyOf/oneOf (optional fields are `T | null`). */
export function schemaTypes(schema: Schema, root: Schema): string[] {
  const s = resolve(schema, root);
  const own = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  const alternatives = [...(s.anyOf ?? []), ...(s.oneOf ?? [])].flatMap((x: Schema) => schemaTypes(x, root));
  return [...new Set([...own, ...alternatives])];
}

function nonNull(schema: Schema, root: Schema): Schema {
  const s = resolve(schema, root);
  const alternatives = [...(s.anyOf ?? []), ...(s.oneOf ?? [])].map((x: Schema) => resolve(x, root)).filter((x: Schema) => x.type !== 'null');
  return alternatives.length === 1 && !s.type ? alternatives[0]! : s;
}

/** A one-line description of a schema's type, for labels ("money", "list", "one of a, b"). */
export function describeSchema(schema: Schema, root: Schema): string {
  const s = nonNull(schema, root);
  if (Array.isArray(s.enum)) return `one of ${s.enum.join(', ')}`;
  // The compiler labels money and decimal inputs in their description ("money: a JSON number ...").
  const kind = /^(money|decimal)\b/.exec(String(s.description ?? ''));
  if (kind) return `${kind[1]}, e.g. 19.90`;
  if (s.format) return String(s.format);
  const types = schemaTypes(s, root).filter((t) => t !== 'null');
  if (types.includes('array')) return 'list';
  return types.join(' or ') || 'any';
}

function build(schema: Schema, root: Schema, label: string, required: boolean, path: string): SchemaForm {
  const s = nonNull(schema, root);
  const types = schemaTypes(s, root);
  const described = describeSchema(s, root);
  const extra = s.description && !String(s.description).startsWith(described.split(',')[0]!) ? s.description : null;
  const hint = [described, required ? 'required' : 'optional', extra].filter(Boolean).join(' · ');
  if (types.includes('object') && s.properties) {
    const requiredKeys = new Set<string>(s.required ?? []);
    const children = Object.entries(s.properties as Record<string, Schema>).map(([key, child]) => [key, build(child, root, key, requiredKeys.has(key), `${path}/${key}`)] as const);
    const element = h('fieldset', { class: 'schema-object' }, h('legend', null, label), children.map(([, c]) => c.element));
    return {
      element,
      value: () => {
        const out: Record<string, unknown> = {};
        for (const [key, c] of children) {
          const v = c.value();
          if (v !== undefined) out[key] = v;
        }
        return out;
      },
    };
  }
  if (Array.isArray(s.enum)) {
    const select = h('select', { name: path }, required ? null : h('option', { value: '' }, '(none)'), s.enum.map((v: unknown) => h('option', { value: String(v) }, String(v))));
    return { element: field(label, select, hint), value: () => (select.value === '' ? undefined : select.value) };
  }
  if (types.includes('boolean') && types.filter((t) => t !== 'null').length === 1) {
    const box = h('input', { type: 'checkbox', name: path });
    return { element: field(label, box, hint), value: () => box.checked };
  }
  if (types.includes('array') || types.includes('object') || types.length === 0) {
    const area = h('textarea', { rows: 4, class: 'json', name: path, spellcheck: 'false', placeholder: types.includes('array') ? '[]' : '{}' });
    if (s.default !== undefined) area.value = JSON.stringify(s.default);
    return {
      element: field(`${label} (JSON)`, area, hint),
      value: () => {
        if (!area.value.trim()) return undefined;
        try {
          return JSON.parse(area.value);
        } catch {
          throw new Error(`${label} is not valid JSON`);
        }
      },
    };
  }
  const numeric = types.every((t) => t === 'integer' || t === 'number' || t === 'null');
  const input = h('input', { type: 'text', name: path, inputmode: numeric ? 'decimal' : null, value: s.default === undefined ? null : String(s.default) });
  return {
    element: field(label, input, hint),
    value: () => {
      const text = input.value.trim();
      if (text === '') return undefined;
      // Integers go as numbers; money and decimals stay strings so no digit is lost.
      if (types.includes('integer') && /^-?\d+$/.test(text)) return Number(text);
      if (numeric && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
      return text;
    },
  };
}

/** Builds a form from a JSON Schema (2020-12; `$ref` into `$defs` is followed). */
export function createSchemaForm(schema: unknown, title: string): SchemaForm {
  const root = schema && typeof schema === 'object' ? (schema as Schema) : {};
  const form = build(root, root, title, true, '');
  return form;
}
