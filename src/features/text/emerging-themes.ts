import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { seededRandom } from '../../core/random.ts';
import { tokenise } from './similarity.ts';
import { TfidfVectoriser, type SparseVector } from './tfidf.ts';

/* Emerging themes in text nobody has coded: latent semantic analysis, then spherical k-means. */

export interface Cluster {
  members: number[];
  /** The most characteristic stems and word pairs of the cluster, readable. */
  keyTerms: string[];
  /** Indexes of the (up to 20) members closest to the cluster's centre, nearest first: its representative quotes. */
  representatives: number[];
}

/**
 * Latent semantic analysis: the texts' TF-IDF matrix reduced to `dimensions`
 * by a randomized truncated SVD (Halko, Martinsson and Tropp), each row then
 * normalised to unit length.
 */
export function lsa(vectors: SparseVector[], featureCount: number, dimensions: number, seed = 11): Matrix {
  const n = vectors.length;
  const target = Math.min(dimensions, n - 1, featureCount - 1);
  const oversampled = Math.min(target + 10, Math.min(n, featureCount));
  const random = seededRandom(seed);
  const gaussian = () => {
    const u = random() || 1e-12;
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
  // Y = A Ω, with two power iterations for sharper singular vectors.
  const omegaValues = new Float64Array(featureCount * oversampled);
  for (let i = 0; i < omegaValues.length; i++) omegaValues[i] = gaussian();
  const omega = Matrix.from1DArray(featureCount, oversampled, omegaValues);
  // Sparse products on flat arrays: ml-matrix's get/set per element is far too slow at this size.
  const times = (m: Matrix) => {
    // A (n × features, sparse) times m (features × c)
    const c = m.columns;
    const flat = m.to1DArray();
    const out = new Float64Array(n * c);
    for (let r = 0; r < n; r++) {
      const { indexes, values } = vectors[r];
      const row = r * c;
      for (let f = 0; f < indexes.length; f++) {
        const from = indexes[f] * c;
        const v = values[f];
        for (let j = 0; j < c; j++) out[row + j] += v * flat[from + j];
      }
    }
    return Matrix.from1DArray(n, c, out);
  };
  const transposeTimes = (m: Matrix) => {
    // Aᵀ (features × n) times m (n × c)
    const c = m.columns;
    const flat = m.to1DArray();
    const out = new Float64Array(featureCount * c);
    for (let r = 0; r < n; r++) {
      const { indexes, values } = vectors[r];
      const row = r * c;
      for (let f = 0; f < indexes.length; f++) {
        const to = indexes[f] * c;
        const v = values[f];
        for (let j = 0; j < c; j++) out[to + j] += v * flat[row + j];
      }
    }
    return Matrix.from1DArray(featureCount, c, out);
  };
  let y = times(omega);
  for (let power = 0; power < 2; power++) {
    y = orthonormalColumns(y);
    y = times(orthonormalColumns(transposeTimes(y)));
  }
  const q = orthonormalColumns(y); // n × c
  const b = transposeTimes(q).transpose(); // c × features
  // B Bᵀ = U Σ² Uᵀ; the documents' coordinates are Q U Σ.
  const eig = new EigenvalueDecomposition(b.mmul(b.transpose()), { assumeSymmetric: true });
  const order = eig.realEigenvalues
    .map((value, i) => ({ value, i }))
    .sort((a, c) => c.value - a.value)
    .slice(0, target);
  const u = new Matrix(q.columns, order.length);
  order.forEach(({ value, i }, column) => {
    const sigma = Math.sqrt(Math.max(value, 0));
    for (let r = 0; r < q.columns; r++) u.set(r, column, eig.eigenvectorMatrix.get(r, i) * sigma);
  });
  const embedded = q.mmul(u);
  for (let r = 0; r < n; r++) {
    let norm = 0;
    for (let c = 0; c < embedded.columns; c++) norm += embedded.get(r, c) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let c = 0; c < embedded.columns; c++) embedded.set(r, c, embedded.get(r, c) / norm);
  }
  return embedded;
}

/**
 * An orthonormal basis for a tall matrix's columns by Gram–Schmidt applied
 * twice ("twice is enough" for stability), on flat column arrays: the Q of a
 * QR decomposition, many times faster than a general QR here.
 */
export function orthonormalColumns(m: Matrix): Matrix {
  const rows = m.rows;
  const columns: Float64Array[] = [];
  for (let c = 0; c < m.columns; c++) columns.push(Float64Array.from(m.getColumn(c)));
  const kept: Float64Array[] = [];
  for (const column of columns) {
    for (let pass = 0; pass < 2; pass++) {
      for (const basis of kept) {
        let dot = 0;
        for (let r = 0; r < rows; r++) dot += basis[r] * column[r];
        for (let r = 0; r < rows; r++) column[r] -= dot * basis[r];
      }
    }
    let norm = 0;
    for (let r = 0; r < rows; r++) norm += column[r] * column[r];
    norm = Math.sqrt(norm);
    // A column that is (numerically) a mix of earlier ones adds nothing to the basis.
    if (norm < 1e-10) continue;
    for (let r = 0; r < rows; r++) column[r] /= norm;
    kept.push(column);
  }
  const out = new Matrix(rows, kept.length);
  kept.forEach((column, c) => out.setColumn(c, Array.from(column)));
  return out;
}

/** Spherical k-means (cosine) with k-means++ seeding; the best of several restarts. */
export function sphericalKMeans(points: number[][], k: number, options: { restarts?: number; iterations?: number; seed?: number } = {}): number[] {
  const n = points.length;
  const dims = points[0]?.length ?? 0;
  // Restarts guard against a poor start; on large sets each one is costly and starts vary less.
  const restarts = options.restarts ?? (n > 5000 ? 3 : 8);
  const random = seededRandom(options.seed ?? 5);
  // Points and centres live in flat typed arrays: the inner loops are the whole cost.
  const data = new Float64Array(n * dims);
  points.forEach((p, i) => data.set(p, i * dims));
  const kk = Math.min(k, n);
  const dotTo = (i: number, centres: Float64Array, c: number) => {
    let sum = 0;
    const a = i * dims;
    const b = c * dims;
    for (let d = 0; d < dims; d++) sum += data[a + d] * centres[b + d];
    return sum;
  };
  const setCentre = (centres: Float64Array, c: number, i: number) => centres.set(data.subarray(i * dims, (i + 1) * dims), c * dims);
  let best: { assignment: number[]; score: number } | undefined;
  for (let restart = 0; restart < restarts; restart++) {
    // k-means++: each next centre chosen with probability growing with its distance from the chosen ones.
    const centres = new Float64Array(kk * dims);
    setCentre(centres, 0, Math.floor(random() * n));
    const distance = new Float64Array(n);
    for (let i = 0; i < n; i++) distance[i] = 1 - dotTo(i, centres, 0);
    for (let chosenCount = 1; chosenCount < kk; chosenCount++) {
      let total = 0;
      for (let i = 0; i < n; i++) total += Math.max(distance[i], 0) ** 2;
      let pick = random() * total;
      let chosen = 0;
      for (let i = 0; i < n; i++) {
        pick -= Math.max(distance[i], 0) ** 2;
        if (pick <= 0) {
          chosen = i;
          break;
        }
      }
      setCentre(centres, chosenCount, chosen);
      for (let i = 0; i < n; i++) distance[i] = Math.min(distance[i], 1 - dotTo(i, centres, chosenCount));
    }
    const assignment = new Array<number>(n).fill(-1);
    const sums = new Float64Array(kk * dims);
    const counts = new Int32Array(kk);
    for (let iteration = 0; iteration < (options.iterations ?? 40); iteration++) {
      let changed = 0;
      for (let i = 0; i < n; i++) {
        let bestCentre = 0;
        let bestSimilarity = -Infinity;
        for (let c = 0; c < kk; c++) {
          const similarity = dotTo(i, centres, c);
          if (similarity > bestSimilarity) {
            bestSimilarity = similarity;
            bestCentre = c;
          }
        }
        if (assignment[i] !== bestCentre) {
          assignment[i] = bestCentre;
          changed++;
        }
      }
      sums.fill(0);
      counts.fill(0);
      for (let i = 0; i < n; i++) {
        const c = assignment[i];
        counts[c]++;
        const a = i * dims;
        const b = c * dims;
        for (let d = 0; d < dims; d++) sums[b + d] += data[a + d];
      }
      for (let c = 0; c < kk; c++) {
        if (counts[c] === 0) {
          setCentre(centres, c, Math.floor(random() * n));
          continue;
        }
        let norm = 0;
        for (let d = 0; d < dims; d++) norm += sums[c * dims + d] ** 2;
        norm = Math.sqrt(norm) || 1;
        for (let d = 0; d < dims; d++) centres[c * dims + d] = sums[c * dims + d] / norm;
      }
      // Stop once almost nothing moves: the last few reassignments barely change the clusters.
      if (changed <= n / 2000) break;
    }
    let score = 0;
    for (let i = 0; i < n; i++) score += dotTo(i, centres, assignment[i]);
    if (!best || score > best.score) best = { assignment, score };
  }
  return best!.assignment;
}

/** Candidate themes in uncoded text: each with key terms and the quotes nearest its centre. */
export function emergingThemes(texts: string[], k: number, options: { dimensions?: number; restarts?: number; seed?: number } = {}): Cluster[] {
  if (texts.length === 0) return [];
  const vectoriser = new TfidfVectoriser().fit(texts, texts.length > 200 ? 2 : 1);
  const vectors = texts.map((text) => vectoriser.transform(text));
  const clusters = Math.max(1, Math.min(k, texts.length));
  let assignment: number[];
  let points: number[][];
  if (vectoriser.size < 3 || texts.length < 3) {
    assignment = texts.map((_, i) => i % clusters);
    points = texts.map(() => [1]);
  } else {
    const embedded = lsa(vectors, vectoriser.size, options.dimensions ?? 100, options.seed);
    points = embedded.to2DArray();
    assignment = sphericalKMeans(points, clusters, { restarts: options.restarts, seed: options.seed });
  }
  const names = [...vectoriser.vocabulary.keys()];
  // Key terms are shown as people wrote them: each stem by its commonest written form.
  const written = new Map<string, Map<string, number>>();
  for (const text of texts) {
    for (const token of tokenise(text)) {
      const forms = written.get(token.stem) ?? new Map<string, number>();
      forms.set(token.word, (forms.get(token.word) ?? 0) + 1);
      written.set(token.stem, forms);
    }
  }
  const readable = (feature: string) =>
    feature
      .split('_')
      .map((stem) => [...(written.get(stem) ?? new Map([[stem, 1]]))].sort((a, b) => b[1] - a[1])[0][0])
      .join(' ');
  const result: Cluster[] = [];
  for (let c = 0; c < clusters; c++) {
    const members = assignment.map((a, i) => (a === c ? i : -1)).filter((i) => i >= 0);
    if (members.length === 0) continue;
    const weight = new Map<number, number>();
    for (const i of members) vectors[i].indexes.forEach((index, f) => weight.set(index, (weight.get(index) ?? 0) + vectors[i].values[f]));
    const keyTerms = [...weight]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([index]) => readable(names[index]));
    const centre = points[0].map((_, d) => members.reduce((sum, i) => sum + points[i][d], 0) / members.length);
    const representatives = [...members]
      .sort((a, b) => points[b].reduce((s, v, d) => s + v * centre[d], 0) - points[a].reduce((s, v, d) => s + v * centre[d], 0))
      .slice(0, 20);
    result.push({ members, keyTerms, representatives });
  }
  return result.sort((a, b) => b.members.length - a.members.length);
}
