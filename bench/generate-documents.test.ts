// The compile benchmark's generated documents are valid, distinct and of all three kinds,
// so that `rulemart compile` of them measures compiling rather than failing early.
import { describe, expect, it } from 'vitest';
import { checkSource } from '../dsl/index.ts';
import { generateDocuments } from './generate-documents.ts';

describe('generateDocuments', () => {
  const files = generateDocuments(100);

  it('gives 100 files with distinct names and texts', () => {
    expect(files).toHaveLength(100);
    expect(new Set(files.map((f) => f.name)).size).toBe(100);
    expect(new Set(files.map((f) => f.text)).size).toBe(100);
  });

  it('gives documents that check without errors, 50 Promotions, 25 Selections and 25 PricingTiers', () => {
    const kinds: Record<string, number> = {};
    for (const f of files) {
      const { diagnostics, documents } = checkSource(f.text, f.name);
      expect(diagnostics.filter((d) => d.severity === 'error'), f.name).toEqual([]);
      expect(documents).toHaveLength(1);
      kinds[documents[0].kind] = (kinds[documents[0].kind] ?? 0) + 1;
    }
    expect(kinds).toEqual({ Promotion: 50, Selection: 25, PricingTier: 25 });
  });
});
