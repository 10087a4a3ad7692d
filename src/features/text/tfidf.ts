import { tokenise } from './similarity.ts';

/**
 * The features theme analysis works on: stemmed words and word pairs of short
 * free text (checkpoint insights, survey comments), weighted by TF-IDF. The
 * suggester and the emerging-theme finder share it; nothing is downloaded.
 */
/** A sparse vector: parallel arrays of feature indexes and weights, unit length. */
export interface SparseVector {
  indexes: number[];
  values: number[];
}

/** Stemmed words and adjacent word pairs: pairs catch phrases like "card payment" or "top up". */
function features(text: string, keepStopWords: boolean): string[] {
  const stems = tokenise(text, { keepStopWords }).map((token) => token.stem);
  const out = [...stems];
  for (let i = 0; i + 1 < stems.length; i++) out.push(`${stems[i]}_${stems[i + 1]}`);
  return out;
}

export class TfidfVectoriser {
  readonly vocabulary = new Map<string, number>();
  private idf: number[] = [];

  constructor(private readonly keepStopWords = false) {}

  /** Learn the vocabulary and document frequencies; features seen in fewer than `minDf` texts are dropped. */
  fit(texts: string[], minDf = 1): this {
    const df = new Map<string, number>();
    for (const text of texts) for (const feature of new Set(features(text, this.keepStopWords))) df.set(feature, (df.get(feature) ?? 0) + 1);
    const n = texts.length;
    for (const [feature, count] of df) {
      if (count < minDf) continue;
      this.vocabulary.set(feature, this.idf.length);
      this.idf.push(Math.log((1 + n) / (1 + count)) + 1);
    }
    return this;
  }

  get size(): number {
    return this.idf.length;
  }

  /** Sublinear term frequency times IDF, normalised to unit length. */
  transform(text: string): SparseVector {
    const counts = new Map<number, number>();
    for (const feature of features(text, this.keepStopWords)) {
      const index = this.vocabulary.get(feature);
      if (index !== undefined) counts.set(index, (counts.get(index) ?? 0) + 1);
    }
    const indexes = [...counts.keys()].sort((a, b) => a - b);
    const values = indexes.map((index) => (1 + Math.log(counts.get(index)!)) * this.idf[index]);
    const length = Math.sqrt(values.reduce((sum, v) => sum + v * v, 0)) || 1;
    return { indexes, values: values.map((v) => v / length) };
  }
}
