// Explains a run: the value of every `let`, the gate checks, and for every rule whether it fired
// and, when it did not, why (its `when` was false, an earlier rule won, or it was never reached).
import { h } from '../dom.ts';

/** One trace entry as the executors write it (compiler/runtime/plan.ts `TraceEntry`). */
export interface TraceEntry {
  kind: string;
  name: string;
  value: unknown;
}

/** The verdict on one rule of a Promotion run. */
export interface RuleVerdict {
  name: string;
  fired: boolean;
  why: string;
}

/** Reads the trace from a preview result or an output, whatever container the server used. */
export function traceEntries(trace: unknown): TraceEntry[] {
  const list = Array.isArray(trace) ? trace : trace && typeof trace === 'object' && Array.isArray((trace as any).entries) ? (trace as any).entries : [];
  return list.filter((e: any) => e && typeof e === 'object' && typeof e.name === 'string');
}

/** Says for each rule of a Promotion whether it fired and why (or why not). */
export function explainRules(rules: string[], policy: string | null, output: any, trace: TraceEntry[]): RuleVerdict[] {
  const fired = new Set<string>(Array.isArray(output?.rules) ? output.rules : []);
  const whens = new Map(trace.filter((e) => e.kind === 'when').map((e) => [e.name, e.value]));
  const gate = trace.find((e) => (e.kind === 'window' || e.kind === 'condition') && e.value === false);
  return rules.map((name) => {
    if (fired.has(name)) return { name, fired: true, why: 'its “when” holds, so it applied' };
    if (gate) return { name, fired: false, why: `not evaluated: the ${gate.kind} check failed` };
    if (output?.reason === 'window' || output?.reason === 'condition') return { name, fired: false, why: `not evaluated: the ${output.reason} check failed` };
    if (!whens.has(name)) {
      return { name, fired: false, why: policy === 'first' || !policy ? 'not evaluated: an earlier rule already applied (policy first)' : 'not evaluated' };
    }
    if (whens.get(name) === false) return { name, fired: false, why: 'its “when” is false for this input' };
    if (policy === 'best') return { name, fired: false, why: 'its “when” holds, but another rule gave a larger discount (policy best)' };
    return { name, fired: false, why: 'its “when” holds, but an earlier rule already applied (policy first)' };
  });
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The trace panel: rule verdicts (Promotion) and the values of lets and checks, in order. */
export function renderTrace(trace: unknown, output: any, rules: string[], policy: string | null, kind: string | null): HTMLElement {
  const entries = traceEntries(trace);
  const verdicts = kind === 'Promotion' ? explainRules(rules, policy, output, entries) : [];
  return h('div', { class: 'trace' },
    verdicts.length ? h('ol', { class: 'verdicts' }, verdicts.map((v) =>
      h('li', { class: v.fired ? 'fired' : 'not-fired' }, h('strong', null, `${v.fired ? '✔' : '✘'} ${v.name}`), ' — ', v.why))) : null,
    entries.length
      ? h('table', { class: 'data' },
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Step'), h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Value'))),
          h('tbody', null, entries.map((e) => h('tr', null, h('td', null, e.kind), h('td', null, h('code', null, e.name)), h('td', null, h('code', null, show(e.value)))))))
      : h('p', { class: 'muted' }, 'The server sent no trace for this run.'),
  );
}
