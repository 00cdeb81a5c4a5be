// Validates a document against the frame schema (rulemart.schema.json) with ajv and maps each
// error back to the YAML node it is about: the key itself for unknown keys, the parent key for
// missing keys, the value otherwise. One diagnostic per offending place.
import type { ErrorObject } from 'ajv/dist/2020.js';
import { isMap, type Document, type Node } from 'yaml';
import type { Span } from '../ast.ts';
import type { RawDiagnostic } from '../diagnostics/diagnostic.ts';
import { report } from '../diagnostics/codes.ts';
import schema from './rulemart.schema.json' with { type: 'json' };
import { validate as compiledValidate } from './frame-validator.generated.ts';
import { keyNodeAt, nodeAt } from './yaml-json.ts';

/** The frame schema (JSON Schema 2020-12), for editors and for publishing with the package. */
export const frameSchema = schema;

/** The schema compiled ahead of time by build-validator.ts (kept in sync by frame.test.ts). */
const getValidator = () => compiledValidate as ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

function pathOf(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer.slice(1).split('/').map((p) => {
    const key = p.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^\d+$/.test(key) ? Number(key) : key;
  });
}

/** `spec.rules[0].then` for messages. */
export function describePath(path: (string | number)[]): string {
  if (path.length === 0) return 'the document';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function nodeSpan(node: Node | undefined, fallback: Span): Span {
  const r = node?.range;
  if (!r) return fallback;
  return { start: r[0], end: Math.max(r[0] + 1, r[1]) };
}

const SHAPES: Record<string, string> = {
  object: 'a mapping', array: 'a list', string: 'text', integer: 'an integer', number: 'a number', boolean: 'true or false',
};

function shape(type: unknown): string {
  const list = Array.isArray(type) ? type : [type];
  if (list.includes('string') && list.includes('number') && list.includes('boolean')) return 'an expression (text, a number or true/false)';
  return list.map((t) => SHAPES[String(t)] ?? String(t)).join(' or ');
}

/** Check one document's JSON value against the frame schema. */
export function validateFrame(value: unknown, doc: Document, docSpan: Span): RawDiagnostic[] {
  const root = doc.contents;
  const firstLineEnd = (() => {
    const r = (root as Node | null)?.range;
    return r ? { start: r[0], end: r[0] + 1 } : { start: docSpan.start, end: docSpan.start };
  })();
  if (!isMap(root)) return [report('E1002', nodeSpan(root as Node, firstLineEnd))];
  const validate = getValidator();
  if (validate(value)) return [];
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
  const seen = new Set<string>();
  const out: RawDiagnostic[] = [];
  for (const e of errors) {
    const d = toDiagnostic(e, root, doc, firstLineEnd);
    const key = `${d.span.start}:${d.code}:${d.message}`;
    const place = `${d.span.start}`;
    if (seen.has(key) || (seen.has(place) && d.code !== 'E1003' && d.code !== 'E1004')) continue;
    seen.add(key);
    seen.add(place);
    out.push(d);
  }
  return out;
}

function toDiagnostic(e: ErrorObject, root: Node, doc: Document, rootSpan: Span): RawDiagnostic {
  const path = pathOf(e.instancePath);
  const where = describePath(path);
  const valueNode = nodeAt(root, path, doc);
  const valueSpan = nodeSpan(valueNode, rootSpan);
  const parentKey = path.length > 0 && typeof path[path.length - 1] === 'string'
    ? keyNodeAt(root, path.slice(0, -1), String(path[path.length - 1]), doc)
    : undefined;
  const params = e.params as Record<string, unknown>;
  const propertyName = (e as { propertyName?: string }).propertyName ?? (params.propertyName as string | undefined);
  if (propertyName !== undefined) {
    return report('E1007', nodeSpan(keyNodeAt(root, path, propertyName, doc), valueSpan), `key in ${where}`, JSON.stringify(propertyName), 'a valid name (letters, digits and _, not starting with a digit)');
  }
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      return report('E1003', nodeSpan(keyNodeAt(root, path, key, doc), valueSpan), key, where);
    }
    case 'required': {
      // At the key naming the mapping; for a list item (a rule, a tier), at its first key.
      const firstKey = isMap(valueNode) ? (valueNode.items[0]?.key as Node | undefined) : undefined;
      const span = parentKey ? nodeSpan(parentKey, valueSpan) : path.length > 0 ? nodeSpan(firstKey, valueSpan) : rootSpan;
      return report('E1004', span, String(params.missingProperty), where);
    }
    case 'minItems':
      return report('E1008', valueSpan, where, `needs at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}`);
    case 'minProperties':
      return report('E1008', valueSpan, where, where.endsWith('.then') ? 'needs at least one effect' : `needs at least ${String(params.limit)} key(s)`);
    case 'type':
      if (path.length === 2 && path[0] === 'params') return report('E1010', valueSpan, String(path[1]));
      return report('E1005', valueSpan, where, shape(params.type));
    case 'const':
      return report('E1006', valueSpan, where, JSON.stringify(params.allowedValue));
    case 'enum':
      return report('E1006', valueSpan, where, (params.allowedValues as unknown[]).map((v) => String(v)).join(', '));
    case 'pattern': {
      const format = where.endsWith('version') ? 'a semver version MAJOR.MINOR.PATCH (each part at most 9 digits)'
        : where.endsWith('rateLimit') ? 'a rate like 100/s (per s, m, h or d)'
        : where.endsWith('currency') ? 'a 3-letter ISO currency code'
        : where.endsWith('name') || where.endsWith('plan') ? 'a name of 2-63 lower-case letters, digits and -, starting with a letter'
        : `matching ${String(params.pattern)}`;
      return report('E1007', valueSpan, where, JSON.stringify(valueNode && 'value' in valueNode ? (valueNode as { value: unknown }).value : ''), format);
    }
    case 'propertyNames':
      return report('E1007', valueSpan, where, 'key', 'a valid name');
    default:
      return report('E1008', valueSpan, where, e.message ?? 'invalid');
  }
}
