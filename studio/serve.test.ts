// Tests of the studio's Hono routes: the page, its base URL and the bundle, built on first use.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { studioRoutes } from './serve.ts';

const app = new Hono();
app.route('/studio', studioRoutes());

describe('studioRoutes', () => {
  it('serves the page with a base at the mount point, and the bundle', async () => {
    const page = await app.request('/studio');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<base href="/studio/">');
    expect(html).toContain('src="app.js"');
    const js = await app.request('/studio/app.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('text/javascript');
    // Bundled from node_modules: no import of a remote script or a bare module.
    const code = await js.text();
    expect(code.length).toBeGreaterThan(100_000);
    expect(code).not.toMatch(/\bimport\s*["'][^./]/);
    expect(code).not.toContain('https://cdn');
    const css = await app.request('/studio/app.css');
    expect(css.headers.get('content-type')).toContain('text/css');
  }, 60_000);

  it('serves the page with a trailing slash too, with the same base', async () => {
    const page = await app.request('/studio/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<base href="/studio/">');
  });

  it('does not serve anything else from the folder', async () => {
    expect((await app.request('/studio/serve.ts')).status).toBe(404);
    expect((await app.request('/studio/../package.json')).status).toBe(404);
  });
});
