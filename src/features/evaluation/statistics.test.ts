import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { averageRanks, median, psignrank, rankBiserial, rankBiserialInterval, wilcoxonSignedRank } from './statistics.ts';

const close = (actual: number, expected: number, places = 4) =>
  assert.ok(Math.abs(actual - expected) < 0.5 * 10 ** -places, `${actual} should equal ${expected} to ${places} decimals`);
const differences = (post: number[], pre: number[]) => post.map((value, i) => value - pre[i]);

/*
 * Expected values from R 4.2.2, wilcox.test(post, pre, paired = TRUE) with its defaults
 * (exact when n < 50 without ties or zeros, otherwise the normal approximation with correct = TRUE):
 *
 *   pre1  <- c(2.25, 3.5, 1.75, 4.0, 2.5, 3.25, 2.0, 1.5, 3.0, 2.75)
 *   post1 <- c(3.75, 3.0, 4.0, 4.55, 3.25, 4.5, 4.0, 1.95, 2.4, 3.6)            V = 49, p = 0.0273437500 (exact)
 *   wilcox.test(c(0.5,-1.25,2,3.5,-0.25,1.75,4.5,0.75,1.5,2.25,-3,5,2.75,0.1))    V = 87, p = 0.0295410156 (exact)
 *   pre2  <- c(2,3,3,2,4,3,2,1,3,2,3,4,2,3,3); post2 <- c(4,4,3,3,5,4,4,2,3,4,4,4,3,5,4)
 *                                                                                 V = 78, p = 0.0017145476870722 (normal, ties and zeros)
 *   pre3, post3 below (60 pairs)                                                  V = 1035, p = 3.28679780316817e-11 (normal)
 *   pre4  <- c(1.1, 2.2, 3.3, 4.4, 5.5); post4 <- c(1.0, 2.0, 3.6, 4.0, 5.0)      V = 3, p = 0.3125 (exact)
 */
const pre3 = [
  3, 2, 4, 3, 3, 2, 5, 1, 2, 3, 4, 3, 2, 3, 4, 2, 3, 3, 4, 2, 3, 1, 2, 4, 3, 3, 2, 4, 3, 2, 3, 4, 2, 3, 3, 2, 4, 1, 3, 2, 3, 4, 2, 3, 5, 2, 3, 4, 3, 2, 3, 3, 2,
  4, 3, 2, 1, 3, 4, 2,
];
const post3 = [
  4, 3, 4, 4, 5, 3, 5, 2, 3, 3, 5, 4, 3, 4, 4, 3, 4, 3, 5, 3, 4, 2, 2, 5, 4, 3, 3, 4, 4, 3, 4, 5, 3, 3, 4, 3, 5, 2, 3, 3, 4, 4, 3, 4, 5, 2, 4, 5, 4, 3, 4, 3, 3,
  5, 4, 3, 2, 4, 4, 3,
];

describe('Wilcoxon signed-rank test, checked against R', () => {
  it('uses the exact distribution for small samples without ties or zeros', () => {
    const one = wilcoxonSignedRank(
      differences([3.75, 3.0, 4.0, 4.55, 3.25, 4.5, 4.0, 1.95, 2.4, 3.6], [2.25, 3.5, 1.75, 4.0, 2.5, 3.25, 2.0, 1.5, 3.0, 2.75]),
    )!;
    assert.equal(one.method, 'exact');
    assert.equal(one.statistic, 49);
    close(one.pValue, 0.02734375);
    const fourteen = wilcoxonSignedRank([0.5, -1.25, 2, 3.5, -0.25, 1.75, 4.5, 0.75, 1.5, 2.25, -3, 5, 2.75, 0.1])!;
    assert.equal(fourteen.statistic, 87);
    close(fourteen.pValue, 0.0295410156);
    const worse = wilcoxonSignedRank(differences([1.0, 2.0, 3.6, 4.0, 5.0], [1.1, 2.2, 3.3, 4.4, 5.5]))!;
    assert.equal(worse.statistic, 3);
    close(worse.pValue, 0.3125);
  });

  it('uses the normal approximation with tie correction and continuity correction otherwise', () => {
    const likert = wilcoxonSignedRank(differences([4, 4, 3, 3, 5, 4, 4, 2, 3, 4, 4, 4, 3, 5, 4], [2, 3, 3, 2, 4, 3, 2, 1, 3, 2, 3, 4, 2, 3, 3]))!;
    assert.equal(likert.method, 'normal');
    assert.equal(likert.n, 12, 'zero differences are dropped');
    assert.equal(likert.statistic, 78);
    close(likert.pValue, 0.0017145477, 6);
    const large = wilcoxonSignedRank(differences(post3, pre3))!;
    assert.equal(large.statistic, 1035);
    assert.ok(Math.abs(large.pValue - 3.28679780316817e-11) / 3.28679780316817e-11 < 1e-4);
  });

  it('falls back to the normal approximation when every difference is the same', () => {
    // wilcox.test(rep(4.5, 6), rep(2.5, 6), paired = TRUE): V = 21, p = 0.019656
    const same = wilcoxonSignedRank([2, 2, 2, 2, 2, 2])!;
    assert.equal(same.method, 'normal');
    assert.equal(same.statistic, 21);
    close(same.pValue, 0.019656, 5);
  });

  it('has nothing to test when every difference is zero', () => {
    assert.equal(wilcoxonSignedRank([0, 0, 0]), undefined);
  });

  it('computes the signed-rank distribution', () => {
    close(psignrank(3, 5), 0.15625);
    close(psignrank(15, 5), 1);
    assert.deepEqual(averageRanks([3, 1, 3, 2]), [3.5, 1, 3.5, 2]);
  });
});

describe('effect size', () => {
  it('gives the matched-pairs rank-biserial correlation', () => {
    assert.equal(rankBiserial([-0.1, -0.2, 0.3, -0.4, -0.5]), (3 - 12) / 15);
    assert.equal(rankBiserial([1, 2, 3]), 1);
    assert.equal(rankBiserial([0, 0]), undefined);
  });

  it('gives a reproducible bootstrap 95% interval around it', () => {
    const d = differences(post3, pre3);
    const r = rankBiserial(d)!;
    const [low, high] = rankBiserialInterval(d)!;
    assert.ok(low <= r && r <= high && low >= -1 && high <= 1, `${low} ≤ ${r} ≤ ${high}`);
    assert.deepEqual(rankBiserialInterval(d), [low, high], 'the same every time');
    assert.equal(median([3, 1, 2, 4]), 2.5);
  });
});
