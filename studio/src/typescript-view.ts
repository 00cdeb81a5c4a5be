// The generated TypeScript of the document, read-only: what the server compiles the rule into.
import { HighlightStyle, StreamLanguage, syntaxHighlighting } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { EditorView, lineNumbers } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { api } from './api-client.ts';
import { errorBox, h, replace } from './dom.ts';
import type { RuleEditor } from './editor/editor-panel.ts';

const keywords = new Set('abstract as async await break case catch class const continue default delete do else enum export extends false finally for from function if implements import in instanceof interface let new null of readonly return static super switch this throw true try type typeof undefined var void while yield'.split(' '));

/** Just enough of TypeScript's lexical grammar to colour generated code. */
const typescriptLike = StreamLanguage.define<{ comment: boolean }>({
  startState: () => ({ comment: false }),
  token(stream, state) {
    if (state.comment) {
      if (stream.skipTo('*/')) { stream.match('*/'); state.comment = false; } else stream.skipToEnd();
      return 'comment';
    }
    if (stream.eatSpace()) return null;
    if (stream.match('//')) { stream.skipToEnd(); return 'comment'; }
    if (stream.match('/*')) { state.comment = true; return 'comment'; }
    if (stream.match(/^(["'`])(?:[^\\]|\\.)*?\1/)) return 'string';
    if (stream.match(/^\d[\d_.]*(?:e[+-]?\d+)?n?/i)) return 'number';
    const word = stream.match(/^[A-Za-z_$][\w$]*/) as RegExpMatchArray | null;
    if (word) return keywords.has(word[0]) ? 'keyword' : /^[A-Z]/.test(word[0]) ? 'typeName' : 'variableName';
    stream.next();
    return null;
  },
});

const style = HighlightStyle.define([
  { tag: tags.keyword, color: '#7c3aed' },
  { tag: tags.string, color: '#047857' },
  { tag: tags.number, color: '#b45309' },
  { tag: tags.comment, color: '#6b7280', fontStyle: 'italic' },
  { tag: tags.typeName, color: '#1d4ed8' },
]);

/** The TypeScript view; `show` puts new code in it. */
export function createTypescriptView(editor: RuleEditor): { element: HTMLElement; show(ts: string): void } {
  const note = h('div', { 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Run the rule in “Try it”, or press Generate, to see the TypeScript the server compiles it into.'));
  const view = new EditorView({
    parent: h('div'),
    state: EditorState.create({
      doc: '',
      extensions: [lineNumbers(), typescriptLike, syntaxHighlighting(style), EditorState.readOnly.of(true), EditorView.editable.of(false),
        EditorView.contentAttributes.of({ 'aria-label': 'Generated TypeScript (read-only)', tabindex: '0' })],
    }),
  });
  const show = (ts: string) => {
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: ts } });
    replace(note);
  };
  const generate = async () => {
    const doc = editor.currentDocument();
    replace(note, h('p', { class: 'muted' }, 'Compiling…'));
    try {
      const sample = doc?.tests[0];
      const preview = await api.preview({ source: editor.source(), ...(doc?.name ? { name: doc.name } : {}), input: sample?.input ?? {}, options: { ...(sample?.params ? { params: sample.params } : {}), ...(sample?.now ? { now: sample.now } : {}) } });
      show(preview.typescript ?? '');
    } catch (error) {
      replace(note, errorBox(error));
    }
  };
  const element = h('section', { class: 'panel ts-view', 'aria-label': 'Generated TypeScript' },
    h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => void generate() }, 'Generate'),
      h('span', { class: 'muted' }, 'Read-only: the code the server compiles this document into.')),
    note,
    view.dom,
  );
  return { element, show };
}
