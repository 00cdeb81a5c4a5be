// Tests of the explanation of which rule fired and why the others did not.
import { describe, expect, it } from 'vitest';
import { explainRules, traceEntries } from './render-trace.ts';

describe('explainRules', () => {
  it('says which rule fired, which was false and which was never reached', () => {
    const trace = traceEntries([
      { kind: 'let', name: 'eligible', value: [] },
      { kind: 'when', name: 'vip', value: false },
      { kind: 'when', name: 'spend', value: true },
    ]);
    const verdicts = explainRules(['vip', 'spend', 'late'], 'first', { applied: true, rules: ['spend'] }, trace);
    expect(verdicts.map((v) => [v.name, v.fired])).toEqual([['vip', false], ['spend', true], ['late', false]]);
    expect(verdicts[0]!.why).toContain('false');
    expect(verdicts[2]!.why).toContain('earlier rule');
  });

  it('blames the gate when the window or condition failed', () => {
    const verdicts = explainRules(['a'], 'first', { applied: false, reason: 'condition', rules: [] }, traceEntries([{ kind: 'condition', name: 'condition', value: false }]));
    expect(verdicts[0]!.why).toContain('condition');
  });

  it('explains a true rule that lost under policy best', () => {
    const verdicts = explainRules(['a', 'b'], 'best', { applied: true, rules: ['b'] }, traceEntries([{ kind: 'when', name: 'a', value: true }, { kind: 'when', name: 'b', value: true }]));
    expect(verdicts[0]!.why).toContain('larger discount');
  });

  it('reads no entries from junk', () => {
    expect(traceEntries(null)).toEqual([]);
    expect(traceEntries([1, { name: 3 }])).toEqual([]);
  });
});
