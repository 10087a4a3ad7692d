/**
 * `npm run build` (run by `npm start`): the browser assets, then the server and
 * the command line bundled into dist/ so production runs on plain Node without
 * a TypeScript loader (less memory, faster start). Packages stay in node_modules.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { buildAssets } from './build-assets.ts';
import { fromRoot } from '../src/core/paths.ts';

export async function build(): Promise<void> {
  await buildAssets(process.argv.includes('--force'));
  const result = await esbuild.build({
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
    metafile: true,
  });
  pruneOldChunks(new Set(Object.keys(result.metafile.outputs).map((output) => path.resolve(output))));
}

/**
 * Chunk names carry a hash, so each build that changes code writes new ones.
 * A server still running from an earlier build may yet load its own chunks
 * (the first Word export, say), so only chunks this build did not write and
 * that are over a week old are removed.
 */
function pruneOldChunks(written: Set<string>) {
  const folder = fromRoot('dist/chunks');
  if (!existsSync(folder)) return;
  const weekAgo = Date.now() - 7 * 24 * 3_600_000;
  for (const name of readdirSync(folder)) {
    const file = path.join(folder, name);
    if (!written.has(file) && statSync(file).mtimeMs < weekAgo) rmSync(file);
  }
}

await build();
