// Body limit: declared and chunked bodies over the limit are 413 problems; bodies at the limit pass.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { Env } from '../../context.ts';
import { bodyLimit } from './index.ts';

const app = new Hono<Env>();
app.post('/echo', bodyLimit(10), async (c) => c.text(await c.req.text()));

function chunked(text: string): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const ch of text) controller.enqueue(new TextEncoder().encode(ch));
      controller.close();
    },
  });
}

describe('body limit', () => {
  it('passes a body at the limit and refuses one over it by Content-Length', async () => {
    const ok = await app.request('/echo', { method: 'POST', body: '0123456789', headers: { 'content-length': '10' } });
    expect(await ok.text()).toBe('0123456789');
    const big = await app.request('/echo', { method: 'POST', body: '01234567890', headers: { 'content-length': '11' } });
    expect(big.status).toBe(413);
    expect(big.headers.get('content-type')).toBe('application/problem+json');
    expect(await big.json()).toMatchObject({ code: 'payload-too-large', limit: 10 });
  });

  it('counts a body without Content-Length while reading it', async () => {
    const small = await app.request('/echo', { method: 'POST', body: chunked('abc'), duplex: 'half' } as RequestInit);
    expect(await small.text()).toBe('abc');
    const big = await app.request('/echo', { method: 'POST', body: chunked('x'.repeat(50)), duplex: 'half' } as RequestInit);
    expect(big.status).toBe(413);
  });
});
