import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { adjustedRandIndex, normalisedMutualInformation } from './agreement.ts';
import { emergingThemes } from './emerging-themes.ts';
import { ThemeSuggester } from './theme-suggester.ts';

const coded: Array<[string, string]> = [
  ['Recruiting foster carers is slow because assessments take months', 'assessment delays'],
  ['Assessment of new carers takes far too long', 'assessment delays'],
  ['Long waits for panel dates hold up approvals', 'assessment delays'],
  ['We cannot recruit social workers to do assessments', 'workforce'],
  ['Vacancies in the fostering team are hard to fill', 'workforce'],
  ['Staff turnover in the assessment team is high', 'workforce'],
  ['Shared marketing across the hub doubled enquiries', 'joint marketing'],
  ['The regional campaign brought in many more enquiries', 'joint marketing'],
  ['One website and phone line for all six councils', 'joint marketing'],
  ['Carers leave when they feel unsupported out of hours', 'retention'],
  ['Foster carers resigned after a placement breakdown', 'retention'],
  ['Support groups helped keep experienced carers', 'retention'],
];

describe('theme suggestions', () => {
  it('suggests the codes analysts used for similar text, most likely first', () => {
    const suggester = new ThemeSuggester().train(
      coded.map(([text]) => text),
      coded.map(([, code]) => code),
    );
    assert.equal(suggester.suggest('Assessments of applicants take months')[0].label, 'assessment delays');
    assert.equal(suggester.suggest('Enquiries went up after the joint campaign')[0].label, 'joint marketing');
    const three = suggester.suggest('Experienced carers leave without support', 3);
    assert.equal(three.length, 3);
    assert.equal(three[0].label, 'retention');
    assert.ok(three[0].probability >= three[1].probability && three[1].probability >= three[2].probability);
    assert.deepEqual(new ThemeSuggester().suggest('anything'), [], 'nothing coded yet, nothing suggested');
  });
});

describe('emerging themes', () => {
  it('clusters uncoded text into themes with key terms and representative quotes', () => {
    const texts = coded.map(([text]) => text);
    const clusters = emergingThemes(texts, 4, { dimensions: 6, restarts: 10 });
    assert.equal(
      clusters.reduce((sum, c) => sum + c.members.length, 0),
      texts.length,
      'every text lands in one theme',
    );
    for (const cluster of clusters) {
      assert.ok(cluster.keyTerms.length > 0);
      assert.ok(cluster.representatives.every((i) => cluster.members.includes(i)));
    }
    const assignment = new Array<number>(texts.length);
    clusters.forEach((cluster, c) => cluster.members.forEach((i) => (assignment[i] = c)));
    assert.ok(
      normalisedMutualInformation(
        coded.map(([, code]) => code),
        assignment,
      ) > 0.3,
      'better than chance on a toy set',
    );
  });

  it('copes with nothing, one text, and fewer texts than themes', () => {
    assert.deepEqual(emergingThemes([], 5), []);
    assert.equal(emergingThemes(['Only one comment'], 5).length, 1);
    assert.equal(
      emergingThemes(['a b', 'c d'], 5).reduce((sum, c) => sum + c.members.length, 0),
      2,
    );
  });
});

describe('agreement measures', () => {
  it('give 1 for identical partitions whatever the names, and about 0 for unrelated ones', () => {
    assert.equal(normalisedMutualInformation(['a', 'a', 'b', 'b'], [1, 1, 0, 0]), 1);
    assert.equal(adjustedRandIndex(['a', 'a', 'b', 'b'], [7, 7, 3, 3]), 1);
    // scikit-learn: adjusted_rand_score([0,0,1,1],[0,1,0,1]) = -0.5; normalized_mutual_info_score = 0.0
    assert.ok(Math.abs(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1]) + 0.5) < 1e-12);
    assert.equal(normalisedMutualInformation([0, 0, 1, 1], [0, 1, 0, 1]), 0);
  });
});
