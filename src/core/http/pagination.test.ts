import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pageFrom, paginationView } from './pagination.ts';

describe('pagination', () => {
  it('reads page numbers defensively', () => {
    assert.equal(pageFrom('3').offset, 50);
    for (const bad of ['-1', '0', 'abc', '1e9', undefined]) assert.equal(pageFrom(bad).number, 1, String(bad));
  });

  it('keeps every filter in its links, repeated ones too, and drops empty ones', () => {
    const query = new URLSearchParams([
      ['q', 'early language'],
      ['type', 'research_study'],
      ['type', 'systematic_review'],
      ['from', ''],
    ]);
    const view = paginationView(pageFrom('2'), 120, '/w/x/evidence', query);
    assert.equal(view.pages, 5);
    assert.equal(view.from, 26);
    assert.equal(view.to, 50);
    const next = new URL(view.params!.next!.href, 'http://bw.test');
    assert.deepEqual(next.searchParams.getAll('type'), ['research_study', 'systematic_review']);
    assert.equal(next.searchParams.get('page'), '3');
    assert.equal(next.searchParams.get('q'), 'early language');
    assert.equal(next.searchParams.has('from'), false);
  });

  it('shortens long page lists with an ellipsis and has no links for a single page', () => {
    const view = paginationView(pageFrom('10'), 1000, '/p', {});
    assert.ok(view.params!.items.some((item) => item.ellipsis));
    assert.equal(paginationView(pageFrom('1'), 10, '/p', {}).params, undefined);
  });
});
