// The diagnostic catalog: well-formed stable codes, each one used by the front end, and
// docs/diagnostics.md in sync with it. UPDATE_DOCS=1 regenerates the page.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG, report } from './codes.ts';
import { renderDiagnosticsPage } from './catalog-page.ts';

const DSL = new URL('..', import.meta.url).pathname;
const PAGE = new URL('../../docs/diagnostics.md', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.endsWith('codes.ts') ? [p] : [];
  });
}

describe('diagnostic catalog', () => {
  it('has well-formed codes whose severity matches their prefix', () => {
    for (const [code, e] of Object.entries(CATALOG)) {
      expect(code).toMatch(/^(E[1-4]\d{3}|W5\d{3})$/);
      expect(e.severity).toBe(code.startsWith('W') ? 'warning' : 'error');
      expect(e.summary.length).toBeGreaterThan(10);
    }
  });

  it('every code is reported somewhere in the front end', () => {
    const text = sources(DSL).map((f) => readFileSync(f, 'utf8')).join('\n');
    const unused = Object.keys(CATALOG).filter((code) => !text.includes(`'${code}'`));
    expect(unused).toEqual([]);
  });

  it('builds messages with the catalog severity, and E2003 reads as in SPEC section 9', () => {
    expect(report('E2003', { start: 1, end: 4 }, 'string', 'money')).toEqual({
      span: { start: 1, end: 4 }, severity: 'error', code: 'E2003', message: 'cannot compare string with money',
    });
    expect(report('W5001', { start: 5, end: 2 }, 'r').span).toEqual({ start: 5, end: 5 });
  });

  it('docs/diagnostics.md matches the catalog', () => {
    const page = renderDiagnosticsPage();
    if (process.env.UPDATE_DOCS) writeFileSync(PAGE, page);
    expect(existsSync(PAGE)).toBe(true);
    expect(readFileSync(PAGE, 'utf8')).toBe(page);
    for (const code of Object.keys(CATALOG)) expect(page).toContain(`| ${code} |`);
  });
});
