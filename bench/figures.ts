import { appendFileSync } from 'node:fs';

/** One measured figure and, where there is one, the target it is held to. */
export interface Figure {
  figure: string;
  value: number;
  unit: string;
  /** The target: the figure must be at most this… */
  atMost?: number;
  /** …or at least this… */
  atLeast?: number;
  /** …or above this (ahead of a reference, not level with it). */
  above?: number;
}

/**
 * Hand a benchmark's figures to `npm run bench`, which runs every benchmark
 * and prints them in one table (bench/all.ts names the file in BENCH_FIGURES).
 * Run on its own, a benchmark prints its own lines and this does nothing.
 */
export function recordFigures(bench: string, figures: Figure[]): void {
  const file = process.env.BENCH_FIGURES;
  if (!file) return;
  for (const figure of figures) appendFileSync(file, `${JSON.stringify({ bench, ...figure })}\n`);
}
