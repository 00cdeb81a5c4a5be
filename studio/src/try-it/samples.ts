// Sample inputs for the try-it panel: the document's own `tests:` and the merchant's saved
// samples (kept in this browser's localStorage, per document name).
import type { DocumentSymbols } from '../editor/document-symbols.ts';

/** An input to try, with its optional params and clock. */
export interface Sample {
  id: string;
  label: string;
  origin: 'test' | 'mine';
  input: unknown;
  params?: Record<string, unknown>;
  now?: string;
}

const prefix = 'rulemart.samples.';

function readMine(name: string): Sample[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(prefix + name) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((s) => s && typeof s.label === 'string') : [];
  } catch {
    return [];
  }
}

/** The samples of a document: its tests first, then the merchant's own. */
export function samplesOf(doc: DocumentSymbols | null): Sample[] {
  if (!doc) return [];
  const tests: Sample[] = doc.tests.map((t, i) => ({
    id: `test-${i}`,
    label: `Test: ${t.name}`,
    origin: 'test',
    input: t.input,
    params: t.params,
    now: t.now,
  }));
  const mine = readMine(doc.name ?? '').map((s, i) => ({ ...s, id: `mine-${i}`, origin: 'mine' as const, label: `Mine: ${s.label}` }));
  return [...tests, ...mine];
}

/** Saves a sample of the merchant's own under a label (replacing one with the same label). */
export function saveSample(docName: string, sample: Omit<Sample, 'id' | 'origin'>): void {
  const mine = readMine(docName).filter((s) => s.label !== sample.label);
  mine.push({ ...sample, id: '', origin: 'mine' });
  try {
    localStorage.setItem(prefix + docName, JSON.stringify(mine));
  } catch {
    // storage blocked or full: the sample is simply not kept
  }
}
