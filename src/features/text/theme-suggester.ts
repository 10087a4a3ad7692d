import { seededRandom } from '../../core/random.ts';
import { TfidfVectoriser } from './tfidf.ts';

/* Suggesting codes for new text from what analysts coded before: multinomial logistic regression on TF-IDF features. */

export interface Suggestion {
  label: string;
  probability: number;
}

/**
 * Multinomial logistic regression trained by stochastic gradient descent with
 * L2 regularisation, on TF-IDF features: the classic strong baseline for
 * short-text classification.
 */
export class ThemeSuggester {
  private vectoriser = new TfidfVectoriser(true);
  private labels: string[] = [];
  private weights: Float64Array = new Float64Array(0);
  private bias: Float64Array = new Float64Array(0);

  train(texts: string[], labels: string[], options: { epochs?: number; learningRate?: number; l2?: number; seed?: number } = {}): this {
    const epochs = options.epochs ?? 30;
    const rate = options.learningRate ?? 0.5;
    const l2 = options.l2 ?? 1e-5;
    this.vectoriser = new TfidfVectoriser(true).fit(texts);
    this.labels = [...new Set(labels)].sort();
    const labelIndex = new Map(this.labels.map((label, i) => [label, i]));
    const k = this.labels.length;
    const d = this.vectoriser.size;
    this.weights = new Float64Array(d * k);
    this.bias = new Float64Array(k);
    const vectors = texts.map((text) => this.vectoriser.transform(text));
    const targets = labels.map((label) => labelIndex.get(label)!);
    const order = vectors.map((_, i) => i);
    const random = seededRandom(options.seed ?? 77);
    const scores = new Float64Array(k);
    // Lazily applied weight decay: each weight remembers the step it was last shrunk at.
    let scale = 1;
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      const step = rate / (1 + epoch * 0.3);
      for (const i of order) {
        const { indexes, values } = vectors[i];
        this.softmax(indexes, values, scores, scale);
        scale *= 1 - step * l2;
        if (scale < 1e-6) {
          for (let w = 0; w < this.weights.length; w++) this.weights[w] *= scale;
          scale = 1;
        }
        for (let c = 0; c < k; c++) {
          const gradient = scores[c] - (c === targets[i] ? 1 : 0);
          if (Math.abs(gradient) < 1e-9) continue;
          this.bias[c] -= step * gradient;
          for (let f = 0; f < indexes.length; f++) this.weights[indexes[f] * k + c] -= (step * gradient * values[f]) / scale;
        }
      }
    }
    for (let w = 0; w < this.weights.length; w++) this.weights[w] *= scale;
    return this;
  }

  private softmax(indexes: number[], values: number[], out: Float64Array, scale = 1) {
    const k = this.labels.length;
    for (let c = 0; c < k; c++) out[c] = this.bias[c];
    for (let f = 0; f < indexes.length; f++) {
      const row = indexes[f] * k;
      const value = values[f] * scale;
      for (let c = 0; c < k; c++) out[c] += this.weights[row + c] * value;
    }
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, out[c]);
    let sum = 0;
    for (let c = 0; c < k; c++) {
      out[c] = Math.exp(out[c] - max);
      sum += out[c];
    }
    for (let c = 0; c < k; c++) out[c] /= sum;
  }

  suggest(text: string, count = 3): Suggestion[] {
    if (this.labels.length === 0) return [];
    const { indexes, values } = this.vectoriser.transform(text);
    const scores = new Float64Array(this.labels.length);
    this.softmax(indexes, values, scores);
    return [...scores]
      .map((probability, i) => ({ label: this.labels[i], probability }))
      .sort((a, b) => b.probability - a.probability)
      .slice(0, count);
  }
}
