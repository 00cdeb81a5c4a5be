// Reads the DSL's type syntax (SPEC section 2) well enough for completion: which fields an object
// has, what a list holds. It never throws: what it cannot read is `unknown`.

/** A type as the editor understands it. */
export type TypeRef =
  | { kind: 'primitive'; name: string }
  | { kind: 'enum'; values: string[] }
  | { kind: 'list'; element: TypeRef }
  | { kind: 'object'; fields: Record<string, TypeRef> }
  | { kind: 'named'; name: string }
  | { kind: 'unknown' };

const primitives = new Set(['bool', 'int', 'decimal', 'money', 'string', 'timestamp', 'duration']);

/** Parses a type written as text (`list<Item>`, `{ a: int }`, `enum(a, b)`, `T?`). */
export function parseTypeText(text: string): TypeRef {
  const parser = new TypeParser(text);
  try {
    const type = parser.type();
    return type;
  } catch {
    return { kind: 'unknown' };
  }
}

/** Converts a YAML value in a type position (a string or a mapping of fields) to a TypeRef. */
export function typeFromYaml(value: unknown): TypeRef {
  if (typeof value === 'string') return parseTypeText(value);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const fields: Record<string, TypeRef> = {};
    for (const [name, inner] of Object.entries(value)) fields[name] = typeFromYaml(inner);
    return { kind: 'object', fields };
  }
  return { kind: 'unknown' };
}

/** Follows named types (once each, so a cycle cannot loop). */
export function resolveType(type: TypeRef, named: Record<string, TypeRef>, seen = new Set<string>()): TypeRef {
  if (type.kind !== 'named') return type;
  if (seen.has(type.name) || !named[type.name]) return { kind: 'unknown' };
  seen.add(type.name);
  return resolveType(named[type.name]!, named, seen);
}

/** A short readable name of a type, shown beside completions. */
export function typeLabel(type: TypeRef): string {
  switch (type.kind) {
    case 'primitive': return type.name;
    case 'enum': return `enum(${type.values.join(', ')})`;
    case 'list': return `list<${typeLabel(type.element)}>`;
    case 'object': return `{ ${Object.keys(type.fields).join(', ')} }`;
    case 'named': return type.name;
    case 'unknown': return '';
  }
}

class TypeParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  type(): TypeRef {
    this.skip();
    let result: TypeRef;
    if (this.eat('{')) result = this.object();
    else {
      const word = this.word();
      if (word === 'list') {
        this.expect('<');
        const element = this.type();
        this.expect('>');
        result = { kind: 'list', element };
      } else if (word === 'enum') {
        this.expect('(');
        const values: string[] = [];
        while (!this.eat(')')) {
          values.push(this.word());
          this.eat(',');
          if (this.pos >= this.text.length) throw new Error('unterminated enum');
        }
        result = { kind: 'enum', values };
      } else if (primitives.has(word)) result = { kind: 'primitive', name: word };
      else result = { kind: 'named', name: word };
    }
    this.skip();
    this.eat('?'); // optional-ness does not change completion
    return result;
  }

  private object(): TypeRef {
    const fields: Record<string, TypeRef> = {};
    while (!this.eat('}')) {
      const name = this.word();
      this.expect(':');
      fields[name] = this.type();
      this.eat(',');
      if (this.pos >= this.text.length) throw new Error('unterminated object');
    }
    return { kind: 'object', fields };
  }

  private word(): string {
    this.skip();
    const match = /^[\p{L}_][\p{L}\p{N}_-]*/u.exec(this.text.slice(this.pos));
    if (!match) throw new Error(`expected a name at ${this.pos}`);
    this.pos += match[0].length;
    return match[0];
  }

  private eat(ch: string): boolean {
    this.skip();
    if (this.text[this.pos] !== ch) return false;
    this.pos++;
    return true;
  }

  private expect(ch: string): void {
    if (!this.eat(ch)) throw new Error(`expected ${ch}`);
  }

  private skip(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }
}
