/**
 * `npm run build` (run by `npm start`): the browser assets, then the server and
 * the command line bundled into dist/ so production runs on plain Node without
 * a TypeScript loader (less memory, faster start). Packages stay in node_modules.
 */
import * as esbuild from 'esbuild';
import { buildAssets } from './build-assets.ts';
import { fromRoot } from '../src/core/paths.ts';

export async function build(): Promise<void> {
  await buildAssets(process.argv.includes('--force'));
  await esbuild.build({
    entryPoints: [fromRoot('src/server.ts'), fromRoot('src/cli.ts')],
    outdir: fromRoot('dist'),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

await build();
