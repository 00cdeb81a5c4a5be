// Tests of reading the outline of rule documents from YAML text.
import { describe, expect, it } from 'vitest';
import { documentAt, readDocuments } from './document-symbols.ts';
import { starterRule } from './starter-rule.ts';

describe('readDocuments', () => {
  it('reads kind, name, params, rules and tests of each document', () => {
    const source = `${starterRule}---\napiVersion: rulemart/v1\nkind: Selection\nmetadata: { name: picks, version: 2.0.0 }\n`;
    const docs = readDocuments(source);
    expect(docs.map((d) => [d.kind, d.name, d.version])).toEqual([['Promotion', 'spend-and-save', '1.0.0'], ['Selection', 'picks', '2.0.0']]);
    expect(Object.keys(docs[0]!.params)).toEqual(['threshold', 'saving']);
    expect(docs[0]!.rules).toEqual(['vip-bonus', 'spend-and-save']);
    expect(docs[0]!.tests.map((t) => t.name)).toEqual(['reaches the threshold', 'below the threshold']);
    expect(documentAt(docs, source.length)?.name).toBe('picks');
    expect(documentAt(docs, 0)?.name).toBe('spend-and-save');
  });

  it('names unnamed rules rule-<n> and survives broken YAML', () => {
    expect(readDocuments('spec:\n  rules:\n    - when: true\n    - name: b\n')[0]!.rules).toEqual(['rule-1', 'b']);
    expect(() => readDocuments('a: [\n  - : :\n"')).not.toThrow();
    expect(readDocuments('')).toEqual([]);
  });
});
