// Serves the bundled studio (index.html, app.js, app.css) as a Hono sub-app that the runtime
// mounts at /studio. The bundle is built on first use when it is missing or older than the sources.
import { Hono, type Context } from 'hono';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { buildStudio, studioDistDir, studioSrcDir } from './build.ts';

const assets: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
};

let building: Promise<void> | null = null;

/** Newest modification time (ms) of any file under a folder; 0 when the folder is missing. */
async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, await newestMtime(path));
    else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, (await stat(path)).mtimeMs);
  }
  return newest;
}

/** Oldest modification time of the built files; 0 when any is missing. */
async function builtMtime(): Promise<number> {
  let oldest = Infinity;
  for (const name of ['index.html', ...Object.keys(assets)]) {
    try {
      oldest = Math.min(oldest, (await stat(join(studioDistDir, name))).mtimeMs);
    } catch {
      return 0;
    }
  }
  return oldest;
}

/** Builds the bundle when needed; concurrent requests share one build. */
async function ensureBuilt(): Promise<void> {
  if (!building) {
    building = (async () => {
      if ((await builtMtime()) < (await newestMtime(studioSrcDir))) await buildStudio();
    })();
    // A failed build is retried on the next request rather than cached forever.
    building.catch(() => undefined).finally(() => { building = null; });
  }
  return building;
}

/**
 * The studio as a Hono sub-app: `GET /` is the page, `GET /app.js` and `GET /app.css` the bundle.
 * The page needs no key to load; it asks the merchant for one.
 * @example app.route('/studio', studioRoutes());
 */
export function studioRoutes(): Hono {
  const app = new Hono();
  app.get('/:asset{app\\.(js|css)}', async (c) => {
    try {
      await ensureBuilt();
      const name = c.req.param('asset');
      const body = await readFile(join(studioDistDir, name));
      return c.body(body, 200, { 'content-type': assets[name]!, 'cache-control': 'no-cache' });
    } catch (error) {
      return studioUnavailable(c.req.path, error);
    }
  });
  const page = async (c: Context) => {
    try {
      await ensureBuilt();
      const html = await readFile(join(studioDistDir, 'index.html'), 'utf8');
      // Assets are relative to the mount point, whatever it is and with or without a trailing slash.
      const base = c.req.path.endsWith('/') ? c.req.path : `${c.req.path}/`;
      return c.html(html.replace('<head>', `<head><base href="${escapeAttribute(base)}">`));
    } catch (error) {
      return studioUnavailable(c.req.path, error);
    }
  };
  app.get('/', page);
  app.get('/index.html', (c) => c.redirect(c.req.path.replace(/index\.html$/, '')));
  // `/studio/` (trailing slash) is the same page; anything else below the mount is not found.
  app.get('/*', (c) => {
    const mount = c.req.routePath.replace(/\/\*$/, '');
    return c.req.path === `${mount}/` ? page(c) : c.notFound();
  });
  return app;
}

function escapeAttribute(text: string): string {
  return text.replace(/[&"<>]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function studioUnavailable(path: string, error: unknown): Response {
  const detail = error instanceof Error ? error.message : String(error);
  return new Response(
    JSON.stringify({ type: 'about:blank', title: 'Studio unavailable', status: 500, code: 'studio-build-failed', detail, instance: path }),
    { status: 500, headers: { 'content-type': 'application/problem+json' } },
  );
}
