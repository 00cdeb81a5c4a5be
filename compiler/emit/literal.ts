// The one way a string from a rule document enters generated code: as an escaped literal.
// Everything the emitter writes that came from a document (names, string literals, template
// text, field names, type descriptors) passes through `lit`, so document text is never code.

/**
 * A JavaScript/TypeScript literal for any JSON value: JSON.stringify plus escapes for the
 * characters that can still change meaning around a literal — U+2028/U+2029 (line terminators in
 * older engines), `<` and `>` (`</script>`, `<!--` when the module is inlined in HTML) and `/`
 * (so `*` `/` can never close a comment the literal ends up in).
 */
export function lit(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) return 'undefined';
  // In an object literal, a `"__proto__": ...` member sets the prototype instead of a property; an
  // object holding that key is built by JSON.parse of its text (a string literal), which makes it an
  // ordinary own property, exactly as the document wrote it.
  if (typeof value === 'object' && value !== null && json.includes('"__proto__":')) return `JSON.parse(${escapeJson(JSON.stringify(json))})`;
  return escapeJson(json);
}

function escapeJson(json: string): string {
  return json.replace(/[\u2028\u2029<>/]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** A property access with a quoted key: `obj["name"]`, never `obj.name` spliced from a document. */
export function prop(object: string, key: string): string {
  return `${object}[${lit(key)}]`;
}

/**
 * An object-literal key for `key`. `__proto__` is the one key that, written plainly, would set the
 * prototype instead of a property, so it is written as a computed key.
 */
export function objectKey(key: string): string {
  return key === '__proto__' ? `[${lit(key)}]` : lit(key);
}

/** Text safe inside a `//` line comment: no line terminators survive. */
export function commentText(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]/g, ' ');
}

/** A TypeScript property name: the plain identifier when it is a simple ASCII one, else a quoted literal. */
export function tsPropertyName(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) && name !== '__proto__' ? name : lit(name);
}
