import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { seededRandom } from '../../core/random.ts';

/**
 * The statistics of paired pre/post survey results. The Wilcoxon signed-rank
 * test follows R's wilcox.test(x, y, paired = TRUE) exactly: zero differences
 * are dropped; the exact distribution is used when fewer than 50 pairs remain
 * and there are neither ties nor zeros; otherwise the normal approximation
 * with the tie-corrected variance and a continuity correction.
 */

export interface WilcoxonResult {
  /** Pairs with a non-zero difference. */
  n: number;
  /** R's V: the sum of the ranks of the positive differences. */
  statistic: number;
  pValue: number;
  method: 'exact' | 'normal';
}

/** Ranks with ties given their average rank, as R's rank() does. */
export function averageRanks(values: number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1].value === order[i].value) j++;
    const rank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) ranks[order[k].index] = rank;
    i = j + 1;
  }
  return ranks;
}

/** How many subsets of {1..n} sum to each total: the null distribution of V, as counts. */
function signedRankCounts(n: number): number[] {
  const max = (n * (n + 1)) / 2;
  const counts = new Array<number>(max + 1).fill(0);
  counts[0] = 1;
  for (let k = 1; k <= n; k++) for (let s = max; s >= k; s--) counts[s] += counts[s - k];
  return counts;
}

/** P(V ≤ q) under the null, R's psignrank(q, n). */
export function psignrank(q: number, n: number): number {
  const counts = signedRankCounts(n);
  const total = 2 ** n;
  let sum = 0;
  for (let s = 0; s <= Math.min(Math.floor(q + 1e-7), counts.length - 1); s++) sum += counts[s];
  return sum / total;
}

const roundDifference = (value: number) => Math.round(value * 1e9) / 1e9;

export function wilcoxonSignedRank(differences: number[]): WilcoxonResult | undefined {
  const all = differences.map(roundDifference);
  const zeroes = all.some((d) => d === 0);
  const x = all.filter((d) => d !== 0);
  const n = x.length;
  if (n === 0) return undefined;
  const ranks = averageRanks(x.map(Math.abs));
  const statistic = ranks.reduce((sum, rank, i) => (x[i] > 0 ? sum + rank : sum), 0);
  const ties = new Set(ranks).size !== ranks.length;
  if (n < 50 && !ties && !zeroes) {
    const p = statistic > (n * (n + 1)) / 4 ? 1 - psignrank(statistic - 1, n) : psignrank(statistic, n);
    return { n, statistic, pValue: Math.min(1, 2 * p), method: 'exact' };
  }
  const tieCounts = new Map<number, number>();
  for (const rank of ranks) tieCounts.set(rank, (tieCounts.get(rank) ?? 0) + 1);
  let tieSum = 0;
  for (const t of tieCounts.values()) tieSum += t ** 3 - t;
  const z0 = statistic - (n * (n + 1)) / 4;
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieSum / 48);
  if (sigma === 0) return { n, statistic, pValue: 1, method: 'normal' };
  const z = (z0 - Math.sign(z0) * 0.5) / sigma;
  const p = 2 * Math.min(normalCdf(z, 0, 1), 1 - normalCdf(z, 0, 1));
  return { n, statistic, pValue: Math.min(1, p), method: 'normal' };
}

/**
 * The matched-pairs rank-biserial correlation (Kerby's simple difference):
 * the share of the rank sum favouring improvement minus the share against it,
 * from −1 (everyone worse) to 1 (everyone better). Zero differences are dropped.
 */
export function rankBiserial(differences: number[]): number | undefined {
  const x = differences.map(roundDifference).filter((d) => d !== 0);
  if (x.length === 0) return undefined;
  const ranks = averageRanks(x.map(Math.abs));
  let positive = 0;
  let negative = 0;
  ranks.forEach((rank, i) => (x[i] > 0 ? (positive += rank) : (negative += rank)));
  return (positive - negative) / (positive + negative);
}

/** Percentile bootstrap 95% interval for the rank-biserial correlation, resampling pairs. */
export function rankBiserialInterval(differences: number[], resamples = 2000, seed = 20_261_123): [number, number] | undefined {
  if (differences.length < 2) return undefined;
  const random = seededRandom(seed);
  const estimates: number[] = [];
  for (let b = 0; b < resamples; b++) {
    const sample = differences.map(() => differences[Math.floor(random() * differences.length)]);
    const r = rankBiserial(sample);
    // A resample of only zero differences has no direction; count it as no effect.
    estimates.push(r ?? 0);
  }
  estimates.sort((a, b) => a - b);
  return [quantile(estimates, 0.025), quantile(estimates, 0.975)];
}

/** R's default (type 7) quantile of sorted values. */
export function quantile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * p;
  const low = Math.floor(h);
  const high = Math.ceil(h);
  return sorted[low] + (h - low) * (sorted[high] - sorted[low]);
}

export function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  return quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

export function mean(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
