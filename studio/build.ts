// Bundles the studio's front end (studio/src) into studio/dist with esbuild, so the runtime can
// serve it with no CDN: CodeMirror and everything else come from node_modules.
import { build } from 'esbuild';
import { copyFile, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The folder the bundle is written to. */
export const studioDistDir = join(here, 'dist');
/** The folder of the front end's sources. */
export const studioSrcDir = join(here, 'src');

/**
 * Writes `studio/dist/`: `index.html`, `app.js` (one minified ES bundle) and `app.css`.
 * @example await buildStudio(); // then studioRoutes() serves the files
 */
export async function buildStudio(): Promise<void> {
  await mkdir(studioDistDir, { recursive: true });
  // Build beside dist and rename each file in: a server (or a parallel test) that reads dist
  // while another process builds sees the old file or the new one, never half of one.
  const staging = await mkdtemp(join(here, '.dist-'));
  try {
    await buildInto(staging);
    for (const name of ['app.js', 'app.css', 'index.html']) await rename(join(staging, name), join(studioDistDir, name));
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function buildInto(dir: string): Promise<void> {
  await build({
    entryPoints: [join(studioSrcDir, 'main.ts')],
    outfile: join(dir, 'app.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  await copyFile(join(studioSrcDir, 'index.html'), join(dir, 'index.html'));
  await copyFile(join(studioSrcDir, 'styles.css'), join(dir, 'app.css'));
}

// `node --import tsx studio/build.ts` builds once from the command line.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildStudio().then(
    () => console.log(`studio built into ${studioDistDir}`),
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
