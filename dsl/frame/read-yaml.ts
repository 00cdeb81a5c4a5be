// Splits a rule file into its YAML documents (`---`), keeping node ranges for positions, and
// reports YAML syntax errors. Empty documents (only comments) are skipped. A document's source
// is the text between its separator lines, never the `---` line itself (docs/language.md).
import { isScalar, parseAllDocuments, type Document } from 'yaml';
import type { Span } from '../ast.ts';
import type { RawDiagnostic } from '../diagnostics/diagnostic.ts';
import { report } from '../diagnostics/codes.ts';

/** One YAML document of a rule file. */
export interface YamlDocument {
  /** 0-based index among the file's non-empty documents. */
  index: number;
  doc: Document.Parsed;
  /**
   * The document's own text, the same wherever the document sits in its file: from the line after
   * its `---` line (the file's start for a first document without `---`) to before the next `---`.
   */
  source: string;
  span: Span;
  /** YAML syntax errors of this document. */
  diagnostics: RawDiagnostic[];
}

function clampSpan(start: number, end: number, length: number): Span {
  const s = Math.max(0, Math.min(start, length));
  return { start: s, end: Math.max(s, Math.min(end, length)) };
}

/** Read every document of `text`. Never throws. */
export function readYaml(text: string): YamlDocument[] {
  let docs: Document.Parsed[];
  try {
    const parsed = parseAllDocuments(text, { keepSourceTokens: true, prettyErrors: false, uniqueKeys: true });
    docs = Array.isArray(parsed) ? parsed : [];
    if (!Array.isArray(parsed)) {
      // An EmptyStream: nothing but comments/directives, or errors before any document.
      const errs = (parsed as { errors?: { pos: [number, number]; message: string }[] }).errors ?? [];
      if (errs.length === 0) return [];
      const e = errs[0];
      return [{ index: 0, doc: undefined as unknown as Document.Parsed, source: text, span: { start: 0, end: text.length }, diagnostics: [report('E1001', clampSpan(e.pos[0], e.pos[1], text.length), firstLine(e.message))] }];
    }
  } catch (e) {
    return [{ index: 0, doc: undefined as unknown as Document.Parsed, source: text, span: { start: 0, end: text.length }, diagnostics: [report('E1001', { start: 0, end: 0 }, String(e))] }];
  }
  const out: YamlDocument[] = [];
  docs.forEach((doc, i) => {
    const start = documentStart(text, doc, i);
    const end = i + 1 < docs.length ? docs[i + 1].range[0] : text.length;
    const diagnostics = doc.errors.map((e) => report('E1001', clampSpan(e.pos[0], Math.max(e.pos[1], e.pos[0] + 1), text.length), firstLine(e.message)));
    const c = doc.contents;
    const empty = c === null || c === undefined
      || (isScalar(c) && c.value === null && text.slice(c.range?.[0] ?? 0, c.range?.[1] ?? 0).trim() === '');
    if (empty && diagnostics.length === 0) return;
    out.push({ index: out.length, doc, source: text.slice(start, end), span: { start, end }, diagnostics });
  });
  return out;
}

/**
 * Where a document's own text begins. An explicit `---` line is a separator, not part of the
 * document: the text starts on the next line (a comment after `---` on that line goes with the
 * separator), or right after `---` and its blanks when content shares the line (`--- {a: 1}`).
 */
function documentStart(text: string, doc: Document.Parsed, i: number): number {
  const at = doc.range[0];
  if (doc.directives?.docStart && text.startsWith('---', at)) {
    const nl = text.indexOf('\n', at + 3);
    const lineEnd = nl < 0 ? text.length : nl;
    const rest = text.slice(at + 3, lineEnd);
    if (/^[ \t]*(#.*)?\r?$/.test(rest)) return nl < 0 ? text.length : nl + 1;
    return at + 3 + (rest.length - rest.trimStart().length);
  }
  return i === 0 ? 0 : at;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
