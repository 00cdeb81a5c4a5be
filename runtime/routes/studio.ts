// The studio's endpoints: check rule source (diagnostics only) and preview it (compile, run once),
// nothing stored.
import { Hono } from 'hono';
import type { Env } from '../context.ts';
import type { AppDeps } from '../deps.ts';
import { tenantAuth } from '../middleware/auth/index.ts';
import { isObject, parseCallOptions, readJsonObject } from '../body.ts';
import { runExecutor } from '../middleware/execute/index.ts';
import { problem } from '../problem.ts';
import { sourceFileName } from './publish.ts';

/** POST /v1/check and POST /v1/preview (scope read). */
export function studioRoutes(deps: AppDeps) {
  const app = new Hono<Env>();

  app.post('/check', tenantAuth(deps.cache, 'read'), async (c) => {
    const text = await c.req.text();
    const { checkSource } = await deps.compiler();
    const { diagnostics } = await checkSource(text, sourceFileName(c.req.query('file'), 'check.yaml'));
    return c.json(diagnostics);
  });

  app.post('/preview', tenantAuth(deps.cache, 'read'), async (c) => {
    const body = await readJsonObject(c);
    const errors = [];
    if (typeof body.source !== 'string') errors.push({ path: '/source', message: 'expected rule source text' });
    if (body.name !== undefined && typeof body.name !== 'string') errors.push({ path: '/name', message: 'expected a document name' });
    if (!('input' in body)) errors.push({ path: '/input', message: 'required' });
    const { options, errors: optionErrors } = parseCallOptions(body.options);
    errors.push(...optionErrors);
    if (errors.length) return problem(c, 400, 'invalid-body', 'The preview request is not valid', { errors });
    const { compileOne, loadExecutor } = await deps.compiler();
    // Only the document that runs is compiled (the others are checked, as their errors matter).
    const { diagnostics, unit, documents } = await compileOne(body.source as string, sourceFileName(c.req.query('file'), 'preview.yaml'), body.name as string | undefined);
    const bad = diagnostics.filter((d) => d.severity === 'error');
    if (bad.length) return problem(c, 422, 'compile-error', 'The rule source has errors', { diagnostics: bad });
    if (!unit) {
      return documents
        ? problem(c, 404, 'unknown-document', `No document named ${String(body.name)}`)
        : problem(c, 422, 'no-documents', 'The rule source holds no document');
    }
    const executor = loadExecutor(unit.files['executor.js']);
    const checked = executor.validate(body.input);
    if (!checked.ok) {
      return problem(c, 400, 'invalid-input', 'The input does not match the input type', { errors: checked.errors.map((e) => ({ path: `/input${e.path}`, message: e.message })) });
    }
    const result = runExecutor(executor, checked.value, { ...options, trace: true });
    if (!result.ok) return problem(c, result.status, result.code, result.title, result.errors ? { errors: result.errors } : {});
    const output = isObject(result.output) ? { ...result.output } : result.output;
    const trace = isObject(output) ? (output.trace ?? null) : null;
    if (isObject(output) && options.trace !== true) delete output.trace;
    return c.json({ sku: unit.sku, output, trace, typescript: unit.files['executor.ts'] });
  });

  return app;
}
