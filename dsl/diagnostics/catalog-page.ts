// Renders docs/diagnostics.md from the catalog in codes.ts, so the page can never drift:
// codes.test.ts compares the page with this output (UPDATE_DOCS=1 rewrites it).
import { CATALOG } from './codes.ts';

const GROUPS: [string, string][] = [
  ['E10', 'YAML and document frame'],
  ['E11', 'Expression and type syntax'],
  ['E2', 'Types'],
  ['E3', 'Names'],
  ['E4', 'Kind-specific rules'],
  ['W5', 'Warnings'],
];

/** The markdown of docs/diagnostics.md. */
export function renderDiagnosticsPage(): string {
  const lines = [
    '# Diagnostics',
    '',
    '<!-- Generated from dsl/diagnostics/codes.ts by dsl/diagnostics/codes.test.ts (UPDATE_DOCS=1 npx vitest run dsl/diagnostics). Do not edit by hand. -->',
    '',
    '`rulemart check` reports problems as `file:line:col: severity CODE: message`, followed by the',
    'source line and a caret under the span (SPEC section 9). Codes are stable: a code keeps its',
    'meaning forever and is never reused. Errors stop a document from compiling; warnings do not.',
    'Positions point at the offending token inside the YAML file, inside the expression when the',
    'problem is in one (for a type error in a comparison or operation: the whole operation).',
    'Lines and columns are 1-based; a column counts UTF-16 code units, as LSP editors and the',
    'studio do (a character outside the BMP, such as an emoji, counts two).',
    '',
  ];
  const entries = Object.entries(CATALOG);
  for (const [prefix, title] of GROUPS) {
    lines.push(`## ${title}`, '', '| code | severity | when |', '|---|---|---|');
    for (const [code, e] of entries) if (code.startsWith(prefix)) lines.push(`| ${code} | ${e.severity} | ${e.summary.replace(/\|/g, '\\|')} |`);
    lines.push('');
  }
  return lines.join('\n');
}
