// Renders the OpenAPI document as one self-contained HTML page (no scripts, no CDN): the endpoints,
// one section per SKU with its billing contract and schemas, and the problem codes.
import { PROBLEM_CODES } from '../problem-codes.ts';

function esc(s: unknown): string {
  return String(s).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const CORE = [
  ['POST', '/v1/publish', 'publish', 'compile and register rule source (YAML body)'],
  ['POST', '/v1/check', 'read', 'diagnostics of rule source'],
  ['POST', '/v1/preview', 'read', 'compile and run once'],
  ['GET', '/v1/skus', 'read', 'the marketplace'],
  ['GET', '/v1/skus/{sku}', 'read', 'one SKU'],
  ['PUT', '/v1/skus/{sku}/rollout', 'owner', 'gray release'],
  ['POST/GET/DELETE', '/v1/subscriptions', 'execute', 'entitlements'],
  ['POST', '/v1/skus/{sku}/execute', 'execute', 'run a SKU'],
  ['POST', '/v1/skus/{sku}/batch', 'execute', 'run a SKU on many inputs'],
  ['POST', '/v1/promotions/apply', 'execute', 'combine promotions'],
];

/** The /docs page for an OpenAPI document built by buildOpenApi(). */
export function renderDocs(doc: { paths: Record<string, any>; components: { schemas: Record<string, unknown> } }): string {
  const skus = Object.entries(doc.paths).map(([path, item]) => {
    const op = item.post;
    const inRef = op.requestBody.content['application/json'].schema.properties.input.$ref as string;
    const outRef = op.responses['200'].content['application/json'].schema.$ref as string;
    const schemaOf = (ref: string) => doc.components.schemas[ref.split('/').pop()!];
    return `<section><h3 id="${esc(op['x-rulemart-sku'])}">${esc(op['x-rulemart-sku'])} <small>${esc(op['x-rulemart-version'])}</small></h3>
<p>${esc(op.summary)}</p><p><code>POST ${esc(path)}</code></p>
<p>tier <b>${esc(op['x-billing-tier'])}</b>, rate limit <b>${esc(op['x-billing-rate-limit'] ?? 'none')}</b>, quota scope <b>${esc(op['x-billing-quota-scope'])}</b>, plan <b>${esc(op['x-billing-plan'] ?? 'default')}</b></p>
<details><summary>input schema</summary><pre>${esc(JSON.stringify(schemaOf(inRef), null, 2))}</pre></details>
<details><summary>output schema</summary><pre>${esc(JSON.stringify(schemaOf(outRef), null, 2))}</pre></details></section>`;
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>rulemart API reference</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}pre{background:#f5f5f5;padding:.5rem;overflow:auto}td,th{padding:.2rem .6rem;text-align:left;vertical-align:top}</style></head>
<body><h1>rulemart API reference</h1><p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). Authenticate with <code>Authorization: Bearer rk_...</code>.</p>
<h2>Endpoints</h2><table><tr><th>method</th><th>path</th><th>scope</th><th>does</th></tr>
${CORE.map((r) => `<tr>${r.map((x) => `<td>${esc(x)}</td>`).join('')}</tr>`).join('\n')}</table>
<h2>SKUs</h2>${skus.join('\n') || '<p>No SKUs visible.</p>'}
<h2>Problem codes</h2><table><tr><th>code</th><th>status</th><th>meaning</th></tr>
${Object.entries(PROBLEM_CODES).map(([code, [status, text]]) => `<tr id="problem-${esc(code)}"><td><code>${esc(code)}</code></td><td>${status}</td><td>${esc(text)}</td></tr>`).join('\n')}</table>
</body></html>`;
}
