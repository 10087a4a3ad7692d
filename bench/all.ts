/**
 * `npm run bench`
 *
 * Runs every benchmark with its defaults, one after another (their own output
 * shows as they go), then prints one table: each figure, its target and
 * whether it holds. PGlite always; PostgreSQL as well when TEST_DATABASE_URL
 * names a server (each benchmark makes and drops its own database there).
 * Datasets come from ../shared/datasets (BENCH_DATASETS to change). Takes
 * about 25 minutes on a 2-core machine; `-- --only themes,search` runs some.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatNumber } from '../src/core/views/format.ts';
import { projectRoot } from '../src/core/paths.ts';
import type { Figure } from './figures.ts';

const datasets = path.resolve(process.env.BENCH_DATASETS ?? path.join(projectRoot, '../shared/datasets'));
const postgres = process.env.TEST_DATABASE_URL;

interface Run {
  script: string;
  args: string[];
  /** DATABASE_URL for the benchmarks that choose their engine by it. */
  onPostgres?: boolean;
}

const runs: Run[] = [
  { script: 'search', args: ['--beir', path.join(datasets, 'cisi')] },
  { script: 'search', args: ['--scale', '20000', '--queries', '100'] },
  // The reference figures are scikit-learn's best on these files, from the datasets' README.
  { script: 'themes', args: ['--dir', path.join(datasets, 'banking77'), '--reference-nmi', '0.616', '--reference-top1', '0.891'] },
  { script: 'http', args: [] },
  ...(postgres
    ? [
        { script: 'http', args: [], onPostgres: true },
        { script: 'http', args: ['--connections', '8'], onPostgres: true },
      ]
    : []),
  { script: 'dashboard', args: ['--runs', '10'], onPostgres: Boolean(postgres) },
  { script: 'reports', args: ['--runs', '10'], onPostgres: Boolean(postgres) },
  { script: 'import', args: [], onPostgres: Boolean(postgres) },
  { script: 'load', args: [] },
  ...(postgres ? [{ script: 'load', args: [], onPostgres: true }] : []),
];

const { values } = parseArgs({ options: { only: { type: 'string' } } });
const only = values.only?.split(',').map((name) => name.trim());
const chosen = only ? runs.filter((run) => only.includes(run.script)) : runs;

const folder = mkdtempSync(path.join(tmpdir(), 'bridgework-bench-'));
const figuresFile = path.join(folder, 'figures.jsonl');
const failed: string[] = [];
try {
  for (const run of chosen) {
    const title = `bench:${run.script} ${run.args.map((arg) => path.basename(arg)).join(' ')}${run.onPostgres ? ' on PostgreSQL' : ''}`.trim();
    console.log(`\n=== ${title}`);
    const env: NodeJS.ProcessEnv = { ...process.env, BENCH_FIGURES: figuresFile };
    if (run.onPostgres) env.DATABASE_URL = postgres;
    else delete env.DATABASE_URL;
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'bench', `${run.script}.ts`), ...run.args], {
      cwd: projectRoot,
      env,
      stdio: 'inherit',
    });
    if (result.status !== 0) failed.push(title);
  }

  const figures = existsSync(figuresFile)
    ? readFileSync(figuresFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Figure & { bench: string })
    : [];
  const shown = (value: number, unit: string) =>
    `${Number.isFinite(value) ? (Math.abs(value) < 1 && value !== 0 ? value.toFixed(3) : formatNumber(value)) : 'never'}${unit ? ` ${unit}` : ''}`;
  const rows = figures.map((f) => {
    const target =
      f.atMost !== undefined
        ? `at most ${shown(f.atMost, f.unit)}`
        : f.atLeast !== undefined
          ? `at least ${shown(f.atLeast, f.unit)}`
          : f.above !== undefined
            ? `above ${shown(f.above, f.unit)}`
            : '–';
    const holds =
      f.atMost !== undefined ? f.value <= f.atMost : f.atLeast !== undefined ? f.value >= f.atLeast : f.above !== undefined ? f.value > f.above : undefined;
    return [f.bench, f.figure, shown(f.value, f.unit), target, holds === undefined ? '' : holds ? 'yes' : 'NO'];
  });
  const header = ['benchmark', 'figure', 'measured', 'target', 'holds'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(line(row));
  const held = rows.filter((row) => row[4] === 'yes').length;
  const missed = rows.filter((row) => row[4] === 'NO').length;
  console.log(`\n${held} targets hold, ${missed} do not${postgres ? '' : ' (PostgreSQL figures need TEST_DATABASE_URL)'}.`);
  if (failed.length) console.log(`Benchmarks that stopped with an error: ${failed.join('; ')}`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
