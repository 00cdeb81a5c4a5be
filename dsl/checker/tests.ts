// Reads the `tests:` of a document (SPEC section 7) as plain JSON values (see yaml-json.ts for
// how numbers keep their exact text), checking param names and the clock.
import { report } from '../diagnostics/codes.ts';
import { nodeToJson } from '../frame/yaml-json.ts';
import type { TestCase } from '../model.ts';
import { parseIsoTimestamp } from '../parser/timestamp.ts';
import type { DocContext } from './doc-context.ts';

/** The test cases of the document, in order. */
export function readTests(ctx: DocContext, params: Set<string>): TestCase[] {
  const out: TestCase[] = [];
  const names = new Set<string>();
  ctx.items(['tests']).forEach((node, i) => {
    const value = nodeToJson(node, ctx.doc, ctx.text) as Record<string, unknown>;
    const name = typeof value.name === 'string' ? value.name : `test-${i + 1}`;
    if (names.has(name)) ctx.report(report('E4005', ctx.span(ctx.node(['tests', i, 'name']) ?? node), 'test', name));
    names.add(name);
    for (const e of ctx.entries(['tests', i, 'params'])) {
      if (!params.has(e.key)) ctx.report(report('E4011', e.keySpan, e.key));
    }
    if (typeof value.now === 'string' && parseIsoTimestamp(value.now) === undefined) {
      ctx.report(report('E1009', ctx.span(ctx.node(['tests', i, 'now'])), JSON.stringify(value.now)));
    }
    out.push({
      name,
      span: ctx.span(node),
      input: value.input,
      ...(value.params !== undefined ? { params: value.params as Record<string, unknown> } : {}),
      ...(typeof value.now === 'string' ? { now: value.now } : {}),
      expect: value.expect,
    });
  });
  return out;
}
