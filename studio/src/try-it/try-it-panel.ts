// The "try it" panel: pick a sample (the document's tests or the merchant's own), run it through
// `POST /v1/preview`, and read the output as a receipt, as raw JSON and as a trace; run the tests.
import { api } from '../api-client.ts';
import { errorBox, field, h, replace } from '../dom.ts';
import type { RuleEditor } from '../editor/editor-panel.ts';
import { matchExpect } from './expect-match.ts';
import { renderOutput } from './render-output.ts';
import { renderTrace } from './render-trace.ts';
import { samplesOf, saveSample, type Sample } from './samples.ts';

/** Builds the panel; `onTypescript` receives the generated TypeScript of every successful run. */
export function createTryItPanel(editor: RuleEditor, onTypescript: (ts: string) => void): HTMLElement {
  const sampleSelect = h('select', { name: 'sample' });
  const inputArea = h('textarea', { rows: 8, spellcheck: 'false', class: 'json', name: 'input' });
  const paramsArea = h('textarea', { rows: 2, spellcheck: 'false', class: 'json', name: 'params', placeholder: '{ "threshold": 100 }' });
  const nowInput = h('input', { type: 'text', name: 'now', placeholder: '2026-11-11T00:30:00+08:00' });
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  const tests = h('div', { class: 'tests', 'aria-live': 'polite' });
  let samples: Sample[] = [];
  let lastKey = '';

  const fill = (sample: Sample | undefined) => {
    inputArea.value = sample ? JSON.stringify(sample.input, null, 2) : '{}';
    paramsArea.value = sample?.params ? JSON.stringify(sample.params) : '';
    nowInput.value = sample?.now ?? '';
  };

  const refreshSamples = () => {
    const doc = editor.currentDocument();
    samples = samplesOf(doc);
    const key = JSON.stringify([doc?.name, samples.map((s) => [s.label, s.input])]);
    if (key === lastKey) return;
    lastKey = key;
    const previous = sampleSelect.value;
    replace(sampleSelect, samples.length ? samples.map((s) => h('option', { value: s.id }, s.label)) : h('option', { value: '' }, 'No samples: write one below'));
    if (samples.some((s) => s.id === previous)) sampleSelect.value = previous;
    fill(samples.find((s) => s.id === sampleSelect.value));
  };
  sampleSelect.addEventListener('change', () => fill(samples.find((s) => s.id === sampleSelect.value)));
  editor.onChange(refreshSamples);

  const parseJson = (text: string, what: string): unknown => {
    if (!text.trim()) return undefined;
    try {
      return JSON.parse(text);
    } catch (error) {
      throw Object.assign(new Error(`The ${what} is not valid JSON: ${(error as Error).message}`), { code: 'bad-json' });
    }
  };

  const run = async () => {
    const doc = editor.currentDocument();
    replace(result, h('p', { class: 'muted' }, 'Running…'));
    try {
      const input = parseJson(inputArea.value, 'input') ?? {};
      const params = parseJson(paramsArea.value, 'params');
      const options = { trace: true, ...(params ? { params } : {}), ...(nowInput.value.trim() ? { now: nowInput.value.trim() } : {}) };
      const preview = await api.preview({ source: editor.source(), ...(doc?.name ? { name: doc.name } : {}), input, options });
      if (typeof preview.typescript === 'string') onTypescript(preview.typescript);
      const output = preview.output;
      const trace = preview.trace ?? output?.trace;
      const outputTab = h('div', { class: 'out-section' }, h('h3', null, 'What the shopper gets'), renderOutput(output, doc?.kind ?? null));
      const traceTab = h('div', { class: 'out-section' }, h('h3', null, 'Why'), renderTrace(trace, output, doc?.rules ?? [], doc?.policy ?? null, doc?.kind ?? null));
      const raw = h('details', { class: 'out-section raw' }, h('summary', null, 'Raw JSON output'), h('pre', { class: 'json-view' }, JSON.stringify(output, null, 2)));
      replace(result, outputTab, traceTab, raw);
    } catch (error) {
      replace(result, errorBox(error));
    }
  };

  const runTests = async () => {
    const doc = editor.currentDocument();
    if (!doc || doc.tests.length === 0) {
      replace(tests, h('p', { class: 'muted' }, 'This document has no tests: add some under tests: to check it on every change.'));
      return;
    }
    replace(tests, h('p', { class: 'muted' }, 'Running tests…'));
    const rows = await Promise.all(doc.tests.map(async (t) => {
      try {
        const options = { ...(t.params ? { params: t.params } : {}), ...(t.now ? { now: t.now } : {}) };
        const preview = await api.preview({ source: editor.source(), ...(doc.name ? { name: doc.name } : {}), input: t.input, options });
        const mismatches = matchExpect(t.expect, preview.output);
        return { name: t.name, ok: mismatches.length === 0, detail: mismatches.map((m) => `${m.path}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`) };
      } catch (error) {
        return { name: t.name, ok: false, detail: [(error as Error).message] };
      }
    }));
    const passed = rows.filter((r) => r.ok).length;
    replace(tests,
      h('p', { class: passed === rows.length ? 'banner good' : 'banner bad' }, `${passed} passed, ${rows.length - passed} failed`),
      h('ul', { class: 'test-list' }, rows.map((r) => h('li', { class: r.ok ? 'pass' : 'fail' },
        h('strong', null, r.ok ? '✔ ' : '✘ ', r.name),
        r.detail.length ? h('ul', null, r.detail.map((d) => h('li', null, h('code', null, d)))) : null))),
    );
  };

  const save = () => {
    const doc = editor.currentDocument();
    const label = window.prompt('Name this sample', 'my cart');
    if (!label || !doc?.name) return;
    try {
      const input = parseJson(inputArea.value, 'input') ?? {};
      const params = parseJson(paramsArea.value, 'params') as Record<string, unknown> | undefined;
      saveSample(doc.name, { label, input, params, now: nowInput.value.trim() || undefined });
      lastKey = '';
      refreshSamples();
      sampleSelect.value = samples.find((s) => s.label === `Mine: ${label}`)?.id ?? sampleSelect.value;
    } catch (error) {
      replace(result, errorBox(error));
    }
  };

  refreshSamples();
  return h('section', { class: 'panel try-it', 'aria-label': 'Try it' },
    h('form', { class: 'try-form', onsubmit: (e: Event) => { e.preventDefault(); void run(); } },
      field('Sample', sampleSelect),
      field('Input (JSON)', inputArea),
      h('div', { class: 'row' }, field('Params (JSON, optional)', paramsArea), field('Clock (now, optional)', nowInput)),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary' }, 'Run'),
        h('button', { type: 'button', onclick: save }, 'Save as my sample'),
        h('button', { type: 'button', onclick: () => void runTests() }, 'Run tests'),
      ),
    ),
    tests,
    result,
  );
}
