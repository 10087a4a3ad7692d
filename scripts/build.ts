/**
 * `npm run build` (run by `npm start`): the browser assets, then the server and
 * the command line bundled into dist/ so production runs on plain Node without
 * a TypeScript loader (less memory, faster start). Packages stay in node_modules.
 */
import { rmSync } from 'node:fs';
import * as esbuild from 'esbuild';
import { buildAssets } from './build-assets.ts';
import { fromRoot } from '../src/core/paths.ts';

export async function build(): Promise<void> {
  await buildAssets(process.argv.includes('--force'));
  // Chunk names carry a hash: clear out the last build's so they do not pile up.
  rmSync(fromRoot('dist'), { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [fromRoot('src/server.ts'), fromRoot('src/cli.ts')],
    outdir: fromRoot('dist'),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // Modules loaded on demand (Word and Excel writers, PDF reading) become chunks of their own, so their
    // packages are not loaded at start-up.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

await build();
