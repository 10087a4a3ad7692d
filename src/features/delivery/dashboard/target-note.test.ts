import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { targetNote } from './dashboard.ts';

describe('a figure against its target', () => {
  it('is a share of the target where more is better', () => {
    assert.equal(targetNote(2072, 1800, false, 'enquiries'), '115% of target');
  });
  it('is how far over or under where fewer is better, never a share above 100% that reads as good', () => {
    assert.equal(targetNote(194, 180, true, 'days'), '14 days over target');
    assert.equal(targetNote(150, 180, true, 'days'), '30 days under target');
    assert.equal(targetNote(180, 180, true, 'days'), 'on target');
  });
  it('says nothing without a figure or a target', () => {
    assert.equal(targetNote(null, 180, true, 'days'), '');
    assert.equal(targetNote(12, null, false, ''), '');
  });
});
