import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeChange, pickedQuotes } from './report.ts';

const answer = (domainName: string | null, picked = true) => ({
  responseId: 'r1',
  questionId: 'q1',
  text: 'I now start with what the evidence says.',
  question: 'What changed?',
  wave: 'final' as const,
  consent: true,
  domainId: domainName ? `d-${domainName}` : null,
  domainName,
  picked,
});

describe('the evaluation report’s words', () => {
  it('prints a quote tagged with two domains once, naming both', () => {
    const quotes = pickedQuotes([answer('Knowledge and understanding'), answer('Confidence in using evidence')]);
    assert.equal(quotes.length, 1);
    assert.equal(quotes[0].domain, 'Knowledge and understanding; Confidence in using evidence');
  });

  it('says a change in plain words first, with scores to two places', () => {
    const text = describeChange({
      n: 12,
      before: 3.4,
      after: 4.333333,
      improved: 10,
      same: 1,
      worse: 1,
      suppressed: false,
      test: { statistic: 89.5, pValue: 0.002, method: 'normal' },
      effect: 0.97,
      interval: [0.9, 1],
    } as unknown as Parameters<typeof describeChange>[0]);
    assert.match(
      text,
      /^On average it rose from 3\.40 to 4\.33 for the 12 people who answered both times: 10 rose, 1 stayed the same and 1 fell\. That is a large change upwards, unlikely to be chance\.$/,
    );
    assert.doesNotMatch(text, /Wilcoxon|V =|r =/);
  });
});
