// Bundles the studio's front end (studio/src) into studio/dist with esbuild, so the runtime can
// serve it with no CDN: CodeMirror and everything else come from node_modules.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
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
  await build({
    entryPoints: [join(studioSrcDir, 'main.ts')],
    outfile: join(studioDistDir, 'app.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  await copyFile(join(studioSrcDir, 'index.html'), join(studioDistDir, 'index.html'));
  await copyFile(join(studioSrcDir, 'styles.css'), join(studioDistDir, 'app.css'));
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
