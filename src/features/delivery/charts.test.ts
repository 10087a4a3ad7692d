import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { horizontalBars, wrapLabel } from './charts.ts';

describe('bar chart labels', () => {
  it('wrap at spaces onto at most two lines, never cut mid-word unless a word is too long', () => {
    assert.deepEqual(wrapLabel('Assessment capacity', 30), ['Assessment capacity']);
    assert.deepEqual(wrapLabel('Competition with independent fostering agencies', 30), ['Competition with independent', 'fostering agencies']);
    const long = wrapLabel('Recruitment marketing and the campaign reach across every hub in the region', 30);
    assert.equal(long.length, 2);
    assert.ok(long.every((line) => line.length <= 30));
    assert.match(long[1], /…$/);
  });

  it('draw every label inside the picture', () => {
    const svg = horizontalBars([{ label: 'Competition with independent fostering agencies', value: 28 }], 'Answers by theme');
    for (const match of svg.matchAll(/<text x="([\d.]+)"[^>]*text-anchor="end"[^>]*>([^<]+)</g)) {
      // About 7 px a character at 12 px type: the text starts right of the picture's left edge.
      assert.ok(Number(match[1]) - match[2].length * 7.2 > 0, `“${match[2]}” runs off the left edge`);
    }
  });
});
