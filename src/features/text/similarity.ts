import { stemmer } from 'stemmer';
import { eng } from 'stopword';

/**
 * Short-text similarity for grouping what people wrote: needs at intake now,
 * free-text themes later. Words are lower-cased, stop words dropped and the
 * rest stemmed; each text becomes a TF-IDF vector; groups come from
 * average-linkage agglomerative clustering on cosine similarity.
 */

const STOP_WORDS = new Set([...eng, 'want', 'would', 'like', 'know', 'learn', 'learning', 'understand', 'better', 'more', 'how', 'what', 'use']);
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

export interface Token {
  stem: string;
  word: string;
}

/**
 * Words in a text, lower-cased and stemmed. Stop words are dropped for
 * grouping (they carry no topic), and kept for classifying (small words like
 * "not" and "why" change what a sentence is about).
 */
export function tokenise(text: string, options: { keepStopWords?: boolean } = {}): Token[] {
  const tokens: Token[] = [];
  for (const match of text.normalize('NFKC').toLowerCase().matchAll(WORD)) {
    const word = match[0].replace(/['’]s$/, '').replace(/['’-]+$/, '');
    if (word.length < 2 || (!options.keepStopWords && STOP_WORDS.has(word)) || /^\d+$/.test(word)) continue;
    tokens.push({ stem: stemmer(word), word });
  }
  return tokens;
}

export type Vector = Map<string, number>;

export interface Corpus {
  vectors: Vector[];
  /** The commonest written form of each stem, for labels people can read. */
  surface: Map<string, string>;
}

/** TF-IDF vectors (sublinear term frequency, smoothed IDF), each of unit length. */
export function vectorise(texts: string[]): Corpus {
  const tokenised = texts.map((text) => tokenise(text));
  const documentFrequency = new Map<string, number>();
  const forms = new Map<string, Map<string, number>>();
  for (const tokens of tokenised) {
    for (const stem of new Set(tokens.map((token) => token.stem))) documentFrequency.set(stem, (documentFrequency.get(stem) ?? 0) + 1);
    for (const { stem, word } of tokens) {
      const counts = forms.get(stem) ?? new Map<string, number>();
      counts.set(word, (counts.get(word) ?? 0) + 1);
      forms.set(stem, counts);
    }
  }
  const n = texts.length;
  const vectors = tokenised.map((tokens) => {
    const counts = new Map<string, number>();
    for (const { stem } of tokens) counts.set(stem, (counts.get(stem) ?? 0) + 1);
    const vector: Vector = new Map();
    for (const [stem, count] of counts) vector.set(stem, (1 + Math.log(count)) * Math.log((1 + n) / (1 + documentFrequency.get(stem)!)) + 1);
    return normalise(vector);
  });
  const surface = new Map<string, string>();
  for (const [stem, counts] of forms) surface.set(stem, [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0]);
  return { vectors, surface };
}

function normalise(vector: Vector): Vector {
  let sum = 0;
  for (const value of vector.values()) sum += value * value;
  const length = Math.sqrt(sum);
  if (length > 0) for (const [key, value] of vector) vector.set(key, value / length);
  return vector;
}

export function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [key, value] of small) {
    const other = large.get(key);
    if (other !== undefined) sum += value * other;
  }
  return sum;
}

export interface TextGroup {
  /** Indexes into the texts given. */
  members: number[];
  /** The words that most characterise the group, most telling first. */
  keywords: string[];
  /** Mean similarity of members to each other (1 for a group of one). */
  cohesion: number;
}

export interface GroupOptions {
  /** Groups merge while their average similarity is at least this. */
  threshold?: number;
  keywordCount?: number;
}

/**
 * Group similar texts. Average linkage keeps groups about one thing rather
 * than chaining loosely related texts together. O(n²) memory: meant for the
 * hundreds of texts a programme or checkpoint round produces.
 */
export function groupSimilarTexts(texts: string[], options: GroupOptions = {}): TextGroup[] {
  const threshold = options.threshold ?? 0.22;
  const { vectors, surface } = vectorise(texts);
  const similarity: number[][] = vectors.map((a, i) => vectors.map((b, j) => (i === j ? 1 : cosine(a, b))));
  let clusters = vectors.map((_, i) => [i]);
  // Pairwise average similarity between clusters, kept up to date as they merge.
  let linkage = similarity.map((row) => row.slice());
  for (;;) {
    let best = -1;
    let bestPair: [number, number] = [-1, -1];
    for (let i = 0; i < clusters.length; i++) {
      for (let j = i + 1; j < clusters.length; j++) {
        if (linkage[i][j] > best) {
          best = linkage[i][j];
          bestPair = [i, j];
        }
      }
    }
    if (clusters.length < 2 || best < threshold) break;
    const [a, b] = bestPair;
    const sizeA = clusters[a].length;
    const sizeB = clusters[b].length;
    const merged = [...clusters[a], ...clusters[b]];
    const mergedRow = clusters.map((_, k) => (linkage[a][k] * sizeA + linkage[b][k] * sizeB) / (sizeA + sizeB));
    const keep = clusters.map((_, k) => k).filter((k) => k !== a && k !== b);
    clusters = [...keep.map((k) => clusters[k]), merged];
    linkage = [...keep.map((k) => [...keep.map((l) => linkage[k][l]), mergedRow[k]]), [...keep.map((k) => mergedRow[k]), 1]];
  }
  const groups = clusters.map((members) => {
    const centroid = new Map<string, number>();
    for (const index of members) for (const [stem, weight] of vectors[index]) centroid.set(stem, (centroid.get(stem) ?? 0) + weight);
    // Prefer words many members share over one member's rare word.
    const shared = [...centroid].map(([stem, weight]) => ({
      stem,
      score: weight * members.filter((index) => vectors[index].has(stem)).length,
    }));
    const keywords = shared
      .sort((x, y) => y.score - x.score || x.stem.localeCompare(y.stem))
      .slice(0, options.keywordCount ?? 4)
      .map(({ stem }) => surface.get(stem) ?? stem);
    let total = 0;
    let pairs = 0;
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        total += similarity[members[i]][members[j]];
        pairs++;
      }
    }
    return { members: members.sort((x, y) => x - y), keywords, cohesion: pairs ? total / pairs : 1 };
  });
  return groups.sort((x, y) => y.members.length - x.members.length || x.members[0] - y.members[0]);
}
