/* Agreement between found clusters and known labels, for the benchmark and tests. */

function contingency(a: Array<string | number>, b: Array<string | number>) {
  const table = new Map<string, number>();
  const rows = new Map<string, number>();
  const columns = new Map<string, number>();
  for (let i = 0; i < a.length; i++) {
    const key = `${a[i]}\u0000${b[i]}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    rows.set(String(a[i]), (rows.get(String(a[i])) ?? 0) + 1);
    columns.set(String(b[i]), (columns.get(String(b[i])) ?? 0) + 1);
  }
  return { table, rows, columns, n: a.length };
}

/** Normalised mutual information with the arithmetic-mean normaliser (scikit-learn's default). */
export function normalisedMutualInformation(labels: Array<string | number>, clusters: Array<string | number>): number {
  const { table, rows, columns, n } = contingency(labels, clusters);
  const entropy = (counts: Iterable<number>) => {
    let h = 0;
    for (const count of counts) if (count) h -= (count / n) * Math.log(count / n);
    return h;
  };
  let mi = 0;
  for (const [key, count] of table) {
    const [label, cluster] = key.split('\u0000');
    const rowCount = rows.get(label)!;
    const columnCount = columns.get(cluster)!;
    mi += (count / n) * Math.log((n * count) / (rowCount * columnCount));
  }
  const normaliser = (entropy(rows.values()) + entropy(columns.values())) / 2;
  return normaliser === 0 ? 1 : mi / normaliser;
}

/** The adjusted Rand index. */
export function adjustedRandIndex(labels: Array<string | number>, clusters: Array<string | number>): number {
  const { table, rows, columns, n } = contingency(labels, clusters);
  const pairs = (x: number) => (x * (x - 1)) / 2;
  let index = 0;
  for (const count of table.values()) index += pairs(count);
  let rowPairs = 0;
  for (const count of rows.values()) rowPairs += pairs(count);
  let columnPairs = 0;
  for (const count of columns.values()) columnPairs += pairs(count);
  const expected = (rowPairs * columnPairs) / pairs(n);
  const maximum = (rowPairs + columnPairs) / 2;
  return maximum === expected ? 1 : (index - expected) / (maximum - expected);
}
