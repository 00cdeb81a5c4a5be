// Colours the DSL inside the YAML: expressions, the `${...}` parts of templates and types get
// their own token classes on top of the YAML highlighting.
import { RangeSetBuilder } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import { findDslRanges } from './expression-ranges.ts';
import { templateParts, tokenizeExpression, type DslTokenType } from './dsl-tokens.ts';

const marks = new Map<DslTokenType | 'expr', Decoration>();
function mark(type: DslTokenType | 'expr'): Decoration {
  let decoration = marks.get(type);
  if (!decoration) marks.set(type, (decoration = Decoration.mark({ class: `cm-dsl-${type}` })));
  return decoration;
}

function decorate(source: string): DecorationSet {
  const found: { from: number; to: number; type: DslTokenType }[] = [];
  for (const range of findDslRanges(source)) {
    const text = source.slice(range.from, range.to);
    const parts: [number, number][] = range.mode === 'template' ? templateParts(text) : [[0, text.length]];
    for (const [start, end] of parts) {
      for (const token of tokenizeExpression(text.slice(start, end))) {
        const type: DslTokenType = range.mode === 'type' && token.type === 'name' ? 'type' : token.type;
        found.push({ from: range.from + start + token.from, to: range.from + start + token.to, type });
      }
    }
  }
  // RangeSetBuilder needs ranges in order; YAML maps may list keys in any order.
  found.sort((a, b) => a.from - b.from || a.to - b.to);
  const builder = new RangeSetBuilder<Decoration>();
  let end = 0;
  for (const t of found) {
    if (t.from < end) continue;
    builder.add(t.from, t.to, mark(t.type));
    end = t.to;
  }
  return builder.finish();
}

/** The CodeMirror extension that highlights the DSL inside rule YAML. */
export const dslHighlight = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = decorate(view.state.doc.toString());
    }
    update(update: ViewUpdate) {
      if (update.docChanged) this.decorations = decorate(update.state.doc.toString());
    }
  },
  { decorations: (plugin) => plugin.decorations },
);
