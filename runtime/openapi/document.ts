// The OpenAPI 3.1 document of the runtime: one path per SKU (its execute endpoint) with the input
// and output schemas of the version that serves by default and the `x-billing-*` contract fields.
import type { CatalogStore } from '../../catalog/store.ts';
import { PROBLEM_CODES } from '../problem-codes.ts';
import { addSchema, componentBase } from './schemas.ts';

interface ManifestBilling {
  tier?: string;
  rateLimit?: string | null;
  quotaScope?: string;
  plan?: string | null;
}

/**
 * Builds the document for a viewer: public SKUs, plus the viewer's own when a tenant is given.
 *
 * @example
 * const doc = await buildOpenApi(store, { viewer: null, serverUrl: 'http://localhost:8787' });
 */
export async function buildOpenApi(store: CatalogStore, opts: { viewer: string | null; serverUrl?: string }) {
  const skus = await store.listSkus({ viewer: opts.viewer ?? '\u0000nobody' });
  const components: Record<string, unknown> = {
    Problem: {
      type: 'object',
      description: 'RFC 9457 problem details',
      required: ['type', 'title', 'status', 'code'],
      properties: {
        type: { type: 'string' },
        title: { type: 'string' },
        status: { type: 'integer' },
        code: { type: 'string', enum: Object.keys(PROBLEM_CODES) },
        detail: { type: 'string' },
        errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } }, required: ['path', 'message'] } },
      },
    },
    ExecuteOptions: {
      type: 'object',
      additionalProperties: false,
      properties: {
        params: { type: 'object' },
        now: { type: 'string', format: 'date-time' },
        trace: { type: 'boolean' },
      },
    },
  };
  const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
  const paths: Record<string, unknown> = {};
  for (const s of skus) {
    const rollout = await store.getRollout(s.id);
    const v = await store.getVersion(s.id, rollout?.stable ?? s.latest);
    if (!v) continue;
    let billing: ManifestBilling = {};
    try {
      billing = (JSON.parse(v.manifest) as { billing?: ManifestBilling }).billing ?? {};
    } catch {
      billing = {};
    }
    const base = componentBase(s.id);
    const input = addSchema(components, base, 'Input', v.inputSchema);
    const output = addSchema(components, base, 'Output', v.outputSchema);
    const params = addSchema(components, base, 'Params', v.paramsSchema);
    paths[`/v1/skus/${s.id}/execute`] = {
      post: {
        operationId: `execute_${base}`,
        summary: v.title ?? s.id,
        ...(v.description ? { description: v.description } : {}),
        tags: [s.kind],
        security: [{ apiKey: [] }],
        parameters: [
          { name: 'X-Canary', in: 'header', required: false, schema: { type: 'string', enum: ['true', 'false'] } },
          { name: 'X-Channel', in: 'header', required: false, schema: { type: 'string' } },
          { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' } },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['input'],
                properties: {
                  input,
                  options: { allOf: [{ $ref: '#/components/schemas/ExecuteOptions' }], properties: { params } },
                },
              },
            },
          },
        },
        responses: {
          '200': { description: `The output of ${s.id}`, headers: { 'X-Rulemart-Version': { schema: { type: 'string' } }, 'X-Request-Id': { schema: { type: 'string' } } }, content: { 'application/json': { schema: output } } },
          '400': problemResponse('Invalid input, options or body'),
          '401': problemResponse('No or bad API key'),
          '402': problemResponse('Quota exceeded'),
          '403': problemResponse('Wrong scope, not subscribed or disabled'),
          '404': problemResponse('Unknown SKU or version'),
          '413': problemResponse('Body too large'),
          '429': problemResponse('Rate limited'),
        },
        'x-rulemart-sku': s.id,
        'x-rulemart-version': v.version,
        'x-billing-tier': billing.tier ?? 'basic',
        'x-billing-rate-limit': billing.rateLimit ?? null,
        'x-billing-quota-scope': billing.quotaScope ?? 'tenant',
        'x-billing-plan': billing.plan ?? null,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'rulemart runtime', version: '1', description: 'Compiled rule executors sold as SKUs. Errors are application/problem+json with a stable `code`.' },
    ...(opts.serverUrl ? { servers: [{ url: opts.serverUrl }] } : {}),
    paths,
    components: {
      schemas: components,
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'A tenant API key rk_...' } },
    },
  };
}
