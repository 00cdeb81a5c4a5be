// The rule editor: CodeMirror 6 with YAML and DSL highlighting, DSL completion, diagnostics from
// the server as you type (squiggles, hover, a gutter) and a problems list that jumps to the line.
import { autocompletion } from '@codemirror/autocomplete';
import { yaml } from '@codemirror/lang-yaml';
import { linter, setDiagnostics, lintGutter, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { EditorSelection, Prec } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { api, ApiError } from '../api-client.ts';
import { h, replace } from '../dom.ts';
import { sessionKey } from '../session-key.ts';
import { toEditorDiagnostic } from './check-linter.ts';
import { dslCompletion } from './completion.ts';
import { documentAt, readDocuments, type DocumentSymbols } from './document-symbols.ts';
import { dslHighlight } from './dsl-highlight.ts';
import { starterRule } from './starter-rule.ts';

const draftKey = 'rulemart.draft';

/** The editor as the other panels see it. */
export interface RuleEditor {
  element: HTMLElement;
  view: EditorView;
  source(): string;
  setSource(text: string): void;
  /** The document under the cursor (or the first one). */
  currentDocument(): DocumentSymbols | null;
  /** Called after every change of the text or of the cursor's document. */
  onChange(listener: () => void): void;
  /** Re-run the check now (e.g. after the key was entered). */
  recheck(): void;
}

/**
 * The smallest single replacement turning `before` into `after` (common prefix and suffix kept),
 * so that the cursor, folds and undo history outside the changed part stay where they were.
 */
export function minimalChange(before: string, after: string): { from: number; to: number; insert: string } {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return { from: start, to: before.length - end, insert: after.slice(start, after.length - end) };
}

/** Builds the editor panel with its problems list. */
export function createEditorPanel(): RuleEditor {
  const listeners = new Set<() => void>();
  const problems = h('ol', { class: 'problems', 'aria-label': 'Problems' });
  const status = h('span', { class: 'check-status', role: 'status', 'aria-live': 'polite' }, 'Not checked yet');
  const header = h('div', { class: 'doc-header' });
  let generation = 0;

  const checkSource = async (view: EditorView): Promise<CmDiagnostic[]> => {
    const mine = ++generation;
    if (!sessionKey.get()) {
      status.textContent = 'Enter your API key to check the rule';
      problems.classList.remove('checked');
      replace(problems);
      return [];
    }
    status.textContent = 'Checking…';
    const doc = view.state.doc;
    try {
      const found = await api.check(doc.toString());
      if (mine !== generation) return []; // a newer check is on its way
      const diagnostics = found.map((d) => toEditorDiagnostic(doc, d));
      renderProblems(view, found.map((d, i) => ({ ...d, diag: diagnostics[i]! })));
      problems.classList.add('checked');
      const errors = found.filter((d) => d.severity !== 'warning').length;
      status.textContent = found.length === 0 ? 'No problems' : `${errors} error${errors === 1 ? '' : 's'}, ${found.length - errors} warning${found.length - errors === 1 ? '' : 's'}`;
      status.className = `check-status ${errors ? 'bad' : 'good'}`;
      return diagnostics;
    } catch (error) {
      status.textContent = error instanceof ApiError ? `Check failed: ${error.message}` : 'Check failed';
      problems.classList.remove('checked');
      replace(problems);
      status.className = 'check-status bad';
      return [];
    }
  };

  const renderProblems = (view: EditorView, found: { line: number; column: number; code: string; message: string; severity: string; diag: CmDiagnostic }[]) => {
    replace(problems, found.map((d) =>
      h('li', null, h('button', {
        type: 'button',
        class: `problem ${d.severity}`,
        onclick: () => {
          view.dispatch({ selection: EditorSelection.single(d.diag.from, d.diag.to), scrollIntoView: true });
          view.focus();
        },
      }, h('span', { class: 'where' }, `Line ${d.line}:${d.column}`), h('code', { class: 'code' }, d.code), h('span', { class: 'msg' }, d.message))),
    ));
  };

  let saved: string | null = null;
  try {
    saved = localStorage.getItem(draftKey);
  } catch {
    saved = null;
  }
  const host = h('div', { class: 'editor-host' });
  const view = new EditorView({
    parent: host,
    doc: saved ?? starterRule,
    extensions: [
      basicSetup,
      yaml(),
      // Highest precedence puts these marks innermost, so they colour `${...}` inside YAML strings.
      Prec.highest(dslHighlight),
      autocompletion({ override: [dslCompletion], activateOnTyping: true }),
      linter(checkSource, { delay: 350 }),
      lintGutter(),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': 'Rule YAML' }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) {
          try {
            localStorage.setItem(draftKey, update.state.doc.toString());
          } catch {
            // a full or blocked storage only loses the draft, never the editing
          }
        }
        if (update.docChanged || update.selectionSet) {
          updateHeader();
          for (const listener of listeners) listener();
        }
      }),
    ],
  });

  const currentDocument = () => documentAt(readDocuments(view.state.doc.toString()), view.state.selection.main.head);
  let lastHeader = '';
  const updateHeader = () => {
    const doc = currentDocument();
    const text = doc ? `${doc.kind ?? '?'} · ${doc.name ?? 'unnamed'} · ${doc.version ?? 'no version'}` : 'Empty file';
    if (text === lastHeader) return;
    lastHeader = text;
    replace(header, h('strong', null, doc?.title ?? doc?.name ?? 'Untitled'), h('span', { class: 'muted' }, text));
  };
  updateHeader();

  const element = h('section', { class: 'panel editor-panel', 'aria-label': 'Editor' },
    h('div', { class: 'panel-head' }, header, status),
    host,
    h('h3', { class: 'problems-title' }, 'Problems'),
    problems,
  );

  // forceLinting only runs a pending lint; after a key change nothing is pending, so check directly.
  const recheck = () => {
    const doc = view.state.doc;
    void checkSource(view).then((diagnostics) => {
      if (view.state.doc === doc) view.dispatch(setDiagnostics(view.state, diagnostics));
    });
  };

  return {
    element,
    view,
    source: () => view.state.doc.toString(),
    setSource: (text) => view.dispatch({ changes: minimalChange(view.state.doc.toString(), text) }),
    currentDocument,
    onChange: (listener) => listeners.add(listener),
    recheck,
  };
}
