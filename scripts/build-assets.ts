/**
 * Builds public/build/app.css (Sass over govuk-frontend) and app.js (esbuild),
 * skipping the work when the output is newer than every input. Called by
 * scripts/build.ts and scripts/test.ts.
 */
import { copyFileSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import * as sass from 'sass';
import { projectRoot } from '../src/core/paths.ts';

const root = projectRoot;
const sourceDir = path.join(root, 'src/assets');
const outDir = path.join(root, 'public/build');
const govukPackage = path.join(root, 'node_modules/govuk-frontend/package.json');

function newestInput(): number {
  const inputs = [...readdirSync(sourceDir).map((name) => path.join(sourceDir, name)), govukPackage, fileURLToPath(import.meta.url)];
  return Math.max(...inputs.map((file) => statSync(file).mtimeMs));
}

function outputTime(): number {
  try {
    return Math.min(...['app.css', 'app.js', 'favicon.svg'].map((name) => statSync(path.join(outDir, name)).mtimeMs));
  } catch {
    return 0;
  }
}

export async function buildAssets(force = false): Promise<boolean> {
  if (!force && outputTime() > newestInput()) return false;
  mkdirSync(outDir, { recursive: true });
  const css = sass.compile(path.join(sourceDir, 'app.scss'), {
    loadPaths: [path.join(root, 'node_modules/govuk-frontend/dist')],
    style: 'compressed',
    quietDeps: true,
    silenceDeprecations: ['import', 'global-builtin'] as sass.DeprecationOrId[],
  });
  writeFileSync(path.join(outDir, 'app.css'), css.css);
  await esbuild.build({
    entryPoints: [path.join(sourceDir, 'app.ts')],
    bundle: true,
    format: 'esm',
    minify: true,
    target: ['es2020'],
    outfile: path.join(outDir, 'app.js'),
    logLevel: 'warning',
  });
  copyFileSync(path.join(sourceDir, 'favicon.svg'), path.join(outDir, 'favicon.svg'));
  return true;
}
