// TypeScript declarations of an executor's Input, Params and Output (and the named types of the
// document), derived from its JSON Schemas so the types and the schemas cannot disagree.
// Declarations are built with ts-morph, which is loaded lazily: only emitting needs it.
import type { Schema, UnitSchemas } from '../schemas/index.ts';
import { lit, tsPropertyName } from './literal.ts';
import { runtimeTopLevelNames } from './runtime-source.ts';

type TsMorph = typeof import('ts-morph');
let tsMorph: TsMorph | null = null;
let project: import('ts-morph').Project | null = null;

/** Loads ts-morph once per process. */
async function loadTsMorph(): Promise<{ m: TsMorph; project: import('ts-morph').Project }> {
  if (!tsMorph) tsMorph = await import('ts-morph');
  if (!project) project = new tsMorph.Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true });
  return { m: tsMorph, project };
}

const TS_RESERVED = new Set(
  ('Input Params Output Executor ExecuteOptions ValidationResult executor plan string number boolean any unknown never object ' +
    'symbol bigint undefined null void Array Object String Number Boolean Date Record Partial Required Readonly Pick Omit ' +
    'Promise Map Set Error Function RegExp Math JSON Symbol BigInt Intl type interface class enum const let var function ' +
    'import export default extends implements in of new this typeof keyof infer is as declare namespace module')
    .split(' '),
);

/** Interface names for the document's named types: the name itself when safe, else `Named<index>`. */
export function interfaceNames(defNames: string[]): Map<string, string> {
  const taken = runtimeTopLevelNames();
  const out = new Map<string, string>();
  const used = new Set<string>();
  defNames.forEach((name, i) => {
    let n = /^[A-Za-z][A-Za-z0-9_]*$/.test(name) && !TS_RESERVED.has(name) && !taken.has(name) ? name : `Named${i}`;
    while (used.has(n) || taken.has(n)) n = `${n}_`;
    used.add(n);
    out.set(name, n);
  });
  return out;
}

/** The TypeScript type text of a schema fragment. */
export function schemaToTs(s: Schema, names: Map<string, string>, indent = ''): string {
  if (typeof s.$ref === 'string') {
    const raw = decodeURIComponent(s.$ref.replace(/^#\/\$defs\//, '')).replace(/~1/g, '/').replace(/~0/g, '~');
    return names.get(raw) ?? 'unknown';
  }
  const union = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (union) return [...new Set(union.map((u) => schemaToTs(u, names, indent)))].join(' | ');
  if (Array.isArray(s.enum)) return (s.enum as unknown[]).map((v) => lit(v)).join(' | ');
  switch (s.type) {
    case 'boolean':
      return 'boolean';
    case 'integer':
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    case 'null':
      return 'null';
    case 'array':
      return `Array<${schemaToTs((s.items as Schema) ?? {}, names, indent)}>`;
    case 'object':
      return `{ ${propertiesToTs(s, names, indent).map((p) => `${p.name}${p.optional ? '?' : ''}: ${p.type}`).join('; ')} }`;
    default:
      return 'unknown';
  }
}

interface TsProperty {
  name: string;
  type: string;
  optional: boolean;
}

function propertiesToTs(s: Schema, names: Map<string, string>, indent: string): TsProperty[] {
  const props = (s.properties ?? {}) as Record<string, Schema>;
  const required = new Set((s.required ?? []) as string[]);
  return Object.keys(props).map((k) => ({
    name: tsPropertyName(k),
    type: schemaToTs(props[k]!, names, indent),
    optional: !required.has(k),
  }));
}

/** `export interface` declarations for Input, Params, Output and the named types, as TypeScript text. */
export async function emitTypeDeclarations(schemas: UnitSchemas): Promise<string> {
  const defs = new Map<string, Schema>();
  for (const s of [schemas.input, schemas.params]) {
    for (const [k, v] of Object.entries((s.$defs ?? {}) as Record<string, Schema>)) if (!defs.has(k)) defs.set(k, v);
  }
  const names = interfaceNames([...defs.keys()]);
  const { project } = await loadTsMorph();
  const sf = project.createSourceFile('__types.ts', '', { overwrite: true });
  const add = (name: string, schema: Schema, doc: string) => {
    sf.addInterface({
      name,
      isExported: true,
      docs: [doc],
      properties: propertiesToTs(schema, names, '').map((p) => ({ name: p.name, type: p.type, hasQuestionToken: p.optional })),
    });
  };
  add('Input', schemas.input, 'The input object (money and decimals as JSON numbers or numeric strings).');
  add('Params', schemas.params, 'Merchant-tunable params; every one has a default.');
  add('Output', schemas.output, 'What `execute` returns (money and decimals as strings).');
  for (const [raw, schema] of defs) add(names.get(raw)!, schema, `The named type ${lit(raw)} of the document.`);
  const text = sf.getFullText();
  project.removeSourceFile(sf);
  return text;
}
